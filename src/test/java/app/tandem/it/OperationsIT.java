package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, JWKS and the database the server actually runs on. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @Test
    void readinessReportsTheDatabaseInUse() throws Exception {
        HttpResponse<String> r = get("http://localhost:" + Deployments.httpPort() + "/health/ready");
        assertThat(r.statusCode()).isEqualTo(200);
        String expected = "postgres".equals(System.getProperty("tandem.it.database")) ? "PostgreSQL" : "H2";
        assertThat(r.body()).contains("\"status\":\"UP\"").contains(expected);
    }

    @Test
    void publishesTheToolJwksWithKidAlgAndUse() throws Exception {
        HttpResponse<String> r = get(Deployments.toolBase() + "/.well-known/jwks.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"kty\":\"RSA\"").contains("\"kid\"").contains("\"alg\":\"RS256\"").contains("\"use\":\"sig\"")
                .doesNotContain("\"d\"");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
