package app.tandem.it;

import app.tandem.common.HttpClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Tandem sees of a browser: cookies kept by hand (java.net.CookieManager drops Secure cookies on plain http,
 * which browsers keep for localhost) and no automatic redirects, so that a test sees every hop of a launch.
 * HTTP/1.1, as browsers speak plain http (they never upgrade to h2c; the JDK client does, and its shared h2c
 * connection to Liberty held concurrent launches for seconds).
 */
public final class Browser {
    private static final HttpClient HTTP = HttpClients.build(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER));
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"");

    private final Map<String, Cookie> cookies = new LinkedHashMap<>();
    private HttpRequest lastRequest;

    /** An HTML form: where it posts and its fields, which a test may change before submitting it. */
    public record Form(String action, Map<String, String> fields) {
    }

    private record Cookie(String host, String path, String name, String value) {
        boolean sentTo(URI uri) {
            String dir = path.endsWith("/") ? path : path + "/";
            return host.equals(uri.getHost()) && (uri.getPath().equals(path) || uri.getPath().startsWith(dir));
        }
    }

    /** GET, with optional header name/value pairs. */
    public HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** POST without a body, with optional header name/value pairs (as htmx's hx-post sends it). */
    public HttpResponse<String> post(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public HttpResponse<String> postForm(String url, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncoded(fields))));
    }

    /** A form POST whose fields may repeat (name, value, name, value, …), as checkboxes send them. */
    public HttpResponse<String> postFormPairs(String url, String... nameValuePairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(nameValuePairs[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public HttpResponse<String> submit(Form form) {
        return postForm(form.action(), form.fields());
    }

    /** Sends the last request again exactly as it went, cookies included, as someone who captured it would. */
    public HttpResponse<String> replayLast() {
        return exchange(lastRequest);
    }

    /** Like a browser that blocks third-party cookies: the next requests carry none of the cookies set so far. */
    public void forgetCookies() {
        cookies.clear();
    }

    public Set<String> cookieNames() {
        return cookies.values().stream().map(Cookie::name).collect(Collectors.toSet());
    }

    /**
     * The first form of a page, as a browser would auto-submit it: its action resolved against the page's URL and
     * its attribute values unescaped.
     */
    public static Form form(HttpResponse<String> page) {
        Matcher form = FORM.matcher(page.body());
        if (!form.find()) {
            throw new AssertionError("no form in the page (HTTP " + page.statusCode() + "): " + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            fields.put(unescape(input.group(1)), unescape(input.group(2)));
        }
        return new Form(page.request().uri().resolve(unescape(form.group(1))).toString(), fields);
    }

    /** An HTML attribute value as the browser reads it (the entities Tandem's templates and the test platform write). */
    static String unescape(String attribute) {
        return attribute.replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The decoded query parameters of a URL, in order. */
    public static Map<String, String> queryOf(URI uri) {
        return decodeForm(uri.getRawQuery());
    }

    /** The decoded pairs of a query string or form body, in order. */
    public static Map<String, String> decodeForm(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    public static String urlEncoded(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        URI uri = request.build().uri();
        String cookieHeader = cookies.values().stream().filter(c -> c.sentTo(uri))
                .map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        lastRequest = request.build();
        return exchange(lastRequest);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(c -> keep(request.uri().getHost(), c));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stores a Set-Cookie (name=value, Path, Max-Age; other attributes do not change what is sent back). */
    private void keep(String host, String setCookie) {
        String[] parts = setCookie.split(";");
        String[] nameValue = parts[0].split("=", 2);
        String path = "/";
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String[] attribute = parts[i].strip().split("=", 2);
            if (attribute.length == 2 && attribute[0].equalsIgnoreCase("Path")) {
                path = attribute[1];
            } else if (attribute.length == 2 && attribute[0].equalsIgnoreCase("Max-Age")) {
                expired = Long.parseLong(attribute[1]) <= 0;
            }
        }
        Cookie cookie = new Cookie(host, path, nameValue[0].strip(), nameValue[1].strip());
        String key = host + " " + path + " " + cookie.name();
        if (expired) {
            cookies.remove(key);
        } else {
            cookies.put(key, cookie);
        }
    }
}
