package app.tandem.it;

import static app.tandem.it.AdminClient.json;
import static app.tandem.it.AdminClient.jsonList;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The automation API (/api/admin, bearer token): districts, platform registrations and their deployments. Every
 * error is JSON {status, error, fields?} with a 4xx status, never a 500.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {
    private static final AdminClient ADMIN = AdminClient.authorized();
    private static String districtId;
    private static String registrationId;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void createRegistration() {
        districtId = newDistrict();
        registrationId = ADMIN.createId("/registrations", registration(newIssuer(), "tandem"));
    }

    // ---- authentication

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"Bearer not-the-admin-token", "Basic YWRtaW46YWRtaW4=", "Bearer"})
    void refusesCallersWithoutTheAdminTokenAndChangesNothing(String authorization) {
        AdminClient caller = new AdminClient(authorization);
        String name = "Refused " + UUID.randomUUID();

        assertError(caller.send("GET", "/districts", (String) null), 401);
        assertError(caller.send("POST", "/districts", Map.of("name", name)), 401);
        assertError(caller.send("DELETE", "/registrations/" + registrationId, (String) null), 401);

        assertThat(ADMIN.send("GET", "/districts", (String) null).body()).doesNotContain(name);
        assertThat(ADMIN.send("GET", "/registrations/" + registrationId, (String) null).statusCode()).isEqualTo(200);
    }

    // ---- happy paths

    @Test
    void createsReadsListsAndRenamesDistricts() {
        String name = "Springfield " + UUID.randomUUID();
        HttpResponse<String> created = ADMIN.send("POST", "/districts", Map.of("name", name));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = (String) json(created).get("id");
        assertThat(json(created)).containsEntry("name", name);

        assertThat(json(ok(ADMIN.send("GET", "/districts/" + id, (String) null)))).containsEntry("name", name);
        assertThat(jsonList(ok(ADMIN.send("GET", "/districts", (String) null)))).contains(Map.of("id", id, "name", name));

        assertThat(json(ok(ADMIN.send("PUT", "/districts/" + id, Map.of("name", name + " Unified"))))).containsEntry("name", name + " Unified");
        assertThat(json(ok(ADMIN.send("GET", "/districts/" + id, (String) null)))).containsEntry("name", name + " Unified");
    }

    @Test
    void createsReadsListsUpdatesAndDeletesRegistrations() {
        String issuer = newIssuer();
        Map<String, Object> body = registration(issuer, "client-1");
        body.put("tokenEndpoint", issuer + "/token");
        body.put("frameOrigins", List.of("https://district.example.org"));
        HttpResponse<String> created = ADMIN.send("POST", "/registrations", body);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = (String) json(created).get("id");
        assertThat(json(created)).containsEntry("issuer", issuer).containsEntry("clientId", "client-1")
                .containsEntry("tokenEndpoint", issuer + "/token").containsEntry("frameOrigins", List.of("https://district.example.org"))
                .containsEntry("deployments", List.of());

        assertThat(json(ok(ADMIN.send("GET", "/registrations/" + id, (String) null)))).containsEntry("issuer", issuer);
        assertThat(ids(jsonList(ok(ADMIN.send("GET", "/registrations", (String) null))))).contains(id);

        body.put("name", "Renamed LMS");
        assertThat(json(ok(ADMIN.send("PUT", "/registrations/" + id, body)))).containsEntry("name", "Renamed LMS");

        assertThat(ADMIN.send("DELETE", "/registrations/" + id, (String) null).statusCode()).isEqualTo(204);
        assertError(ADMIN.send("GET", "/registrations/" + id, (String) null), 404);
    }

    @Test
    void addsMapsAndRemovesDeployments() {
        String deployments = "/registrations/" + registrationId + "/deployments";
        HttpResponse<String> added = ADMIN.send("POST", deployments,
                Map.of("deploymentId", "dep-" + UUID.randomUUID(), "districtId", districtId, "label", "Main"));
        assertThat(added.statusCode()).isEqualTo(201);
        Map<String, Object> deployment = json(added);
        assertThat(deployment).containsEntry("districtId", districtId).containsEntry("label", "Main");
        assertThat(deploymentsOf(registrationId)).contains(deployment);

        String other = newDistrict();
        HttpResponse<String> moved = ADMIN.send("PUT", deployments + "/" + deployment.get("id"), Map.of("districtId", other, "label", "Moved"));
        assertThat(json(ok(moved))).containsEntry("districtId", other).containsEntry("label", "Moved");

        assertThat(ADMIN.send("DELETE", deployments + "/" + deployment.get("id"), (String) null).statusCode()).isEqualTo(204);
        assertThat(ids(deploymentsOf(registrationId))).doesNotContain(deployment.get("id"));
    }

    // ---- errors

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"name\": }", "not json", "[\"Springfield\"]", "42", "null"})
    void refusesBodiesThatAreNoJsonObject(String body) {
        assertError(ADMIN.send("POST", "/districts", body), 400);
    }

    static Stream<Arguments> fieldsOfTheWrongType() {
        String deployments = "/registrations/" + registrationId + "/deployments";
        return Stream.of(
                Arguments.of("/districts", "{\"name\": 42}", "name"),
                Arguments.of("/registrations", "{\"issuer\": true}", "issuer"),
                Arguments.of("/registrations", "{\"issuer\": \"https://a.example\", \"clientId\": 7}", "clientId"),
                Arguments.of("/registrations", "{\"frameOrigins\": \"https://a.example\"}", "frameOrigins"),
                Arguments.of("/registrations", "{\"frameOrigins\": [1]}", "frameOrigins"),
                Arguments.of(deployments, "{\"deploymentId\": 1, \"districtId\": \"" + districtId + "\"}", "deploymentId"),
                Arguments.of(deployments, "{\"deploymentId\": \"d\", \"districtId\": {\"id\": \"x\"}}", "districtId"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fieldsOfTheWrongType")
    void refusesFieldsOfTheWrongTypeNamingThem(String path, String body, String field) {
        HttpResponse<String> response = ADMIN.send("POST", path, body);

        assertError(response, 400);
        assertThat(fields(response)).containsOnlyKeys(field);
    }

    static Stream<Arguments> invalidUrls() {
        return Stream.of(
                Arguments.of("issuer", "http://lms.example.com"),
                Arguments.of("authEndpoint", "not a url"),
                Arguments.of("jwksUrl", "ftp://lms.example.com/jwks"),
                Arguments.of("tokenEndpoint", "https://"),
                Arguments.of("frameOrigins", List.of("https://lms.example.com/with/a/path")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidUrls")
    void refusesInvalidUrlsNamingTheField(String field, Object value) {
        Map<String, Object> body = registration(newIssuer(), "tandem");
        body.put(field, value);
        HttpResponse<String> response = ADMIN.send("POST", "/registrations", body);

        assertError(response, 400);
        assertThat(fields(response)).containsOnlyKeys(field);
    }

    @Test
    void namesEveryMissingField() {
        HttpResponse<String> response = ADMIN.send("POST", "/registrations", Map.of());

        assertError(response, 400);
        assertThat(fields(response)).containsOnlyKeys("issuer", "clientId", "name", "authEndpoint", "jwksUrl");
    }

    @Test
    void refusesASecondRegistrationOfTheSameIssuerAndClientId() {
        Map<String, Object> body = registration(newIssuer(), "tandem");
        ADMIN.create("/registrations", body);
        assertError(ADMIN.send("POST", "/registrations", body), 409);

        Map<String, Object> other = new HashMap<>(body);
        other.put("clientId", "another-client");
        String otherId = ADMIN.createId("/registrations", other);
        assertError(ADMIN.send("PUT", "/registrations/" + otherId, body), 409);
    }

    @Test
    void refusesTheSameDeploymentTwice() {
        Map<String, String> deployment = Map.of("deploymentId", "dep-" + UUID.randomUUID(), "districtId", districtId);
        ADMIN.create("/registrations/" + registrationId + "/deployments", deployment);

        assertError(ADMIN.send("POST", "/registrations/" + registrationId + "/deployments", deployment), 409);
    }

    @Test
    void refusesADeploymentForAnUnknownDistrictNamingDistrictId() {
        HttpResponse<String> response = ADMIN.send("POST", "/registrations/" + registrationId + "/deployments",
                Map.of("deploymentId", "dep-" + UUID.randomUUID(), "districtId", "no-such-district"));

        assertError(response, 400);
        assertThat(fields(response)).containsOnlyKeys("districtId");
    }

    static Stream<Arguments> unknownIds() {
        String deployments = "/registrations/" + registrationId + "/deployments";
        return Stream.of(
                Arguments.of("GET", "/districts/no-such-id", null),
                Arguments.of("PUT", "/districts/no-such-id", "{\"name\": \"Nowhere\"}"),
                Arguments.of("GET", "/registrations/no-such-id", null),
                Arguments.of("PUT", "/registrations/no-such-id", jsonOf(registration(newIssuer(), "tandem"))),
                Arguments.of("DELETE", "/registrations/no-such-id", null),
                Arguments.of("POST", "/registrations/no-such-id/deployments", "{\"deploymentId\": \"d\", \"districtId\": \"" + districtId + "\"}"),
                Arguments.of("PUT", deployments + "/no-such-id", "{\"districtId\": \"" + districtId + "\"}"),
                Arguments.of("DELETE", deployments + "/no-such-id", null),
                Arguments.of("GET", "/no-such-collection", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownIds")
    void answers404ForUnknownIds(String method, String path, String body) {
        assertError(ADMIN.send(method, path, body), 404);
    }

    @Test
    void answers405InJsonForAMethodTheApiDoesNotHave() {
        assertError(ADMIN.send("DELETE", "/districts", (String) null), 405);
    }

    // ---- helpers

    /** A JSON error: the given status, {status, error, fields?} and nothing else. */
    private static void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> body = json(response);
        assertThat(body.keySet()).contains("status", "error").isSubsetOf("status", "error", "fields");
        assertThat(((Number) body.get("status")).intValue()).isEqualTo(status);
        assertThat((String) body.get("error")).isNotBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(HttpResponse<String> response) {
        return (Map<String, Object>) json(response).getOrDefault("fields", Map.of());
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static List<Object> ids(List<Object> objects) {
        return objects.stream().map(o -> (Object) ((Map<?, ?>) o).get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> deploymentsOf(String registration) {
        return (List<Object>) json(ok(ADMIN.send("GET", "/registrations/" + registration, (String) null))).get("deployments");
    }

    private static String newDistrict() {
        return ADMIN.createId("/districts", Map.of("name", "District " + UUID.randomUUID()));
    }

    private static String newIssuer() {
        return "https://lms-" + UUID.randomUUID() + ".example";
    }

    private static Map<String, Object> registration(String issuer, String clientId) {
        Map<String, Object> body = new HashMap<>();
        body.put("issuer", issuer);
        body.put("clientId", clientId);
        body.put("name", "LMS at " + issuer);
        body.put("authEndpoint", issuer + "/auth");
        body.put("jwksUrl", issuer + "/jwks");
        return body;
    }

    private static String jsonOf(Map<String, Object> body) {
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(body);
    }
}
