package io.radgate.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The one {@link MemoryBudget.Lease} of a request, kept on its routing context and given back
 * when the request ends: answered, failed, or its connection closed.
 */
public final class RequestMemory {
    private static final String KEY = "radgate.memoryLease";

    private RequestMemory() {
    }

    /** The request's lease on {@code budget}, taken on first use. Call on the request's event loop. */
    public static MemoryBudget.Lease lease(RoutingContext ctx, MemoryBudget budget) {
        MemoryBudget.Lease lease = ctx.get(KEY);
        if (lease == null) {
            MemoryBudget.Lease fresh = budget.lease();
            ctx.put(KEY, fresh);
            ctx.addEndHandler(ar -> fresh.release());
            lease = fresh;
        }
        return lease;
    }
}
