package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** Link rel="next" paging and the AGS sub-resource URLs. */
class PagingTest {

    @Test
    void scoresGoBeforeTheQueryString() {
        assertThat(Paging.withPath("https://moodle.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=3", "scores"))
                .isEqualTo("https://moodle.example/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=3");
        assertThat(Paging.withPath("https://canvas.example/api/lti/courses/1/line_items/5", "results"))
                .isEqualTo("https://canvas.example/api/lti/courses/1/line_items/5/results");
        assertThat(Paging.withPath("https://lms.example/items/5/", "scores")).isEqualTo("https://lms.example/items/5/scores");
    }

    @Test
    void queryParametersAreAppended() {
        assertThat(Paging.withQuery("https://lms.example/m", "role=x")).isEqualTo("https://lms.example/m?role=x");
        assertThat(Paging.withQuery("https://lms.example/m?a=1", "role=x")).isEqualTo("https://lms.example/m?a=1&role=x");
        assertThat(Paging.withQuery("https://lms.example/m", "")).isEqualTo("https://lms.example/m");
    }

    @Test
    void followsTheNextLinkAmongOthers() {
        assertThat(Paging.next(response("https://lms.example/m?page=1",
                "<https://lms.example/m?page=1>; rel=\"current\", <https://lms.example/m?page=2&per_page=50>; rel=\"next\", <https://lms.example/m?page=9>; rel=\"last\"")))
                .isEqualTo("https://lms.example/m?page=2&per_page=50");
    }

    @Test
    void moodleStyleAndRelativeLinks() {
        assertThat(Paging.next(response("https://moodle.example/nrps/5", "</nrps/5?limit=50&from=50>; rel=next")))
                .isEqualTo("https://moodle.example/nrps/5?limit=50&from=50");
    }

    @Test
    void noNextLinkEndsPaging() {
        assertThat(Paging.next(response("https://lms.example/m", "<https://lms.example/m?page=1>; rel=\"first\""))).isNull();
        assertThat(Paging.next(response("https://lms.example/m", null))).isNull();
    }

    private static HttpResponse<String> response(String uri, String link) {
        Map<String, List<String>> headers = link == null ? Map.of() : Map.of("Link", List.of(link));
        return new HttpResponse<>() {
            public int statusCode() { return 200; }
            public HttpRequest request() { return HttpRequest.newBuilder(URI.create(uri)).build(); }
            public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
            public HttpHeaders headers() { return HttpHeaders.of(headers, (a, b) -> true); }
            public String body() { return ""; }
            public Optional<SSLSession> sslSession() { return Optional.empty(); }
            public URI uri() { return URI.create(uri); }
            public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
        };
    }
}
