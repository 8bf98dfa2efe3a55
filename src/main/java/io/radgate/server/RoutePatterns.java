package io.radgate.server;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The path patterns of a router's routes, to name the route of a request that failed (by then
 * the routing context's current route is the failure handler's): a metrics label must be the
 * pattern ({@code /invocations/:request_uuid}), never the concrete path.
 */
final class RoutePatterns {
    private record Entry(String pattern, Pattern regex) {
    }

    private final List<Entry> entries = new ArrayList<>();

    RoutePatterns(Router router) {
        for (Route r : router.getRoutes()) {
            String p = r.getPath();
            if (p != null) { // a :param path is a "regex path" too; a pathRegex route has no path
                entries.add(new Entry(p, compile(p)));
            }
        }
    }

    /** A route path ({@code /invocations/:request_uuid}) as a regular expression of the paths it matches. */
    static Pattern compile(String routePath) {
        return Pattern.compile(Pattern.quote(routePath).replaceAll(":[A-Za-z0-9_]+", "\\\\E[^/]+\\\\Q"));
    }

    /** The first route pattern {@code path} matches, or "unmatched". */
    String match(String path) {
        for (Entry e : entries) {
            if (e.regex().matcher(path).matches()) {
                return e.pattern();
            }
        }
        return "unmatched";
    }
}
