package io.radgate.core;

import io.radgate.error.ErrorKind;
import io.radgate.error.PublicText;
import io.radgate.error.RadgateException;
import io.radgate.triton.TritonClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Whether radgate can serve: Triton is ready and so is every model radgate is configured to
 * use. Protocol health routes ask this and render the answer in their own shape.
 */
public final class Readiness {
    /** The answer, with the reasons when not ready (for logs and health bodies). */
    public record Report(boolean ready, List<String> problems) {
    }

    private final TritonClient triton;
    private final List<String> requiredModels;

    public Readiness(TritonClient triton, List<String> requiredModels) {
        this.triton = triton;
        this.requiredModels = List.copyOf(requiredModels);
    }

    public CompletableFuture<Report> check() {
        return check(requiredModels);
    }

    /** Readiness of Triton and of the given models ({@code name} or {@code name:version}). */
    public CompletableFuture<Report> check(List<String> models) {
        return triton.serverReady()
                .handle((ready, err) -> err != null ? unreachable(err) : ready ? null : "Triton is not ready")
                .thenCompose(serverProblem -> {
                    if (serverProblem != null) {
                        return CompletableFuture.completedFuture(new Report(false, List.of(serverProblem)));
                    }
                    List<CompletableFuture<String>> checks = new ArrayList<>();
                    for (String m : models) {
                        int colon = m.indexOf(':');
                        String name = colon < 0 ? m : m.substring(0, colon);
                        String version = colon < 0 ? "" : m.substring(colon + 1);
                        checks.add(triton.modelReady(name, version)
                                .handle((ok, err) -> err != null ? "model " + m + ": " + PublicText.of(err.getMessage())
                                        : ok ? null : "model " + m + " is not ready"));
                    }
                    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(v -> {
                        List<String> problems = checks.stream().map(CompletableFuture::join)
                                .filter(p -> p != null).toList();
                        return new Report(problems.isEmpty(), problems);
                    });
                });
    }

    /**
     * Plain words for a failed ServerReady call: health bodies show problems to anyone who asks,
     * so they never carry an exception's text (gRPC's can name Netty's exception classes).
     */
    private static String unreachable(Throwable err) {
        Throwable e = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        if (e instanceof RadgateException r && r.kind() == ErrorKind.DEADLINE) {
            return "Triton did not answer in time";
        }
        return "Triton is unreachable";
    }
}
