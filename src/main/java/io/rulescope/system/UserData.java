package io.rulescope.system;

/**
 * Pages and APIs of what users create (collections, accounts): they change while one catalog serves, so neither the
 * page cache nor the catalog's ETag may answer for them.
 */
final class UserData {

    private UserData() {
    }

    /** Also any search that names a collection ({@code collection:"..."}): its answer moves with the collection. */
    static boolean is(jakarta.servlet.http.HttpServletRequest request) {
        String query = request.getQueryString();
        return is(request.getRequestURI()) || (query != null && query.toLowerCase(java.util.Locale.ROOT).contains("collection"));
    }

    static boolean is(String path) {
        return path.startsWith("/collections") || path.startsWith("/api/collections") || path.startsWith("/account")
                || path.startsWith("/api/account") || path.equals("/sign-in");
    }
}
