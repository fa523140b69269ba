package app.tandem.lti.application;

import app.tandem.lti.api.PlatformServiceException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 8288 {@code Link: <url>; rel="next"} paging, as NRPS and AGS use (Canvas page/per_page, Moodle limit/from). */
final class Paging {
    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;([^,]*)");
    static final int MAX_PAGES = 500;

    private Paging() {
    }

    static String next(HttpResponse<String> response) {
        List<String> headers = response.headers().allValues("Link");
        for (String header : headers) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                if (m.group(2).matches("(?i).*rel\\s*=\\s*\"?next\"?.*")) {
                    try {
                        return response.uri().resolve(m.group(1).strip()).toString();
                    } catch (IllegalArgumentException e) {
                        throw new PlatformServiceException(PlatformServiceException.Kind.MALFORMED,
                                "The LMS's link to the next page is not a valid URL.", response.statusCode());
                    }
                }
            }
        }
        return null;
    }

    /** {@code base/suffix} with {@code suffix} inserted before any query string (Moodle adds ?type_id=). */
    static String withPath(String url, String suffix) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        return (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/" + suffix + query;
    }

    /** Adds query parameters to a URL that may already have some. */
    static String withQuery(String url, String query) {
        if (query == null || query.isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + query;
    }
}
