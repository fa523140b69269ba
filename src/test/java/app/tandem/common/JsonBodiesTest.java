package app.tandem.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

    private static void assertInvalid(Runnable call, int status, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    private static void assertFieldError(Runnable call, String field, String problem) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("'" + field + "'");
            assertThat(e.fields()).containsEntry(field, problem).hasSize(1);
        });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\n\t"})
    void noBody(String body) {
        assertInvalid(() -> JsonBodies.object(body), 400, "must be a JSON object");
    }

    @Test
    void oversizeBody() {
        String body = "{\"a\":\"" + "x".repeat(JsonBodies.MAX_BODY) + "\"}";
        assertThatThrownBy(() -> JsonBodies.object(body)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.fields()).isEmpty();
        });
    }

    /**
     * Tests that parse JSON. They need a JSON-P implementation, which Liberty provides at run time but the test
     * class path lacks until org.eclipse.parsson:parsson is a test dependency; until then they are skipped.
     */
    @Nested
    class Parsing {
        @BeforeEach
        void needsAJsonProvider() {
            boolean available;
            try {
                JsonProvider.provider();
                available = true;
            } catch (JsonException e) {
                available = false;
            }
            assumeTrue(available, "no JSON-P implementation on the test class path (add org.eclipse.parsson:parsson, test scope)");
        }

        @Test
        void anObject() {
            JsonObject o = JsonBodies.object(" {\"name\": \"Unit 1\", \"n\": 3} ");
            assertThat(o.getString("name")).isEqualTo("Unit 1");
            assertThat(o.getInt("n")).isEqualTo(3);
        }

        @Test
        void bodyOfExactlyTheLimitIsRead() {
            String body = "{\"a\":\"" + "x".repeat(JsonBodies.MAX_BODY - 8) + "\"}";
            assertThat(body).hasSize(JsonBodies.MAX_BODY);
            assertThat(JsonBodies.object(body).getString("a")).hasSize(JsonBodies.MAX_BODY - 8);
            assertInvalid(() -> JsonBodies.object(body + " "), 413, "64 KB");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[1, 2]", "[]", "\"a string\"", "42", "true", "null"})
        void notAnObject(String body) {
            assertInvalid(() -> JsonBodies.object(body), 400, "must be a JSON object");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{\"a\":}", "{'a': 1}", "{\"a\": 1,}", "not json", "{\"a\" 1}"})
        void invalidJson(String body) {
            assertInvalid(() -> JsonBodies.object(body), 400, "not valid JSON");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"a\": 1} trailing", "{}{}", "{\"a\": 1} {\"b\": 2}"})
        void contentAfterTheObject(String body) {
            assertInvalid(() -> JsonBodies.object(body), 400, "not valid JSON");
        }

        @Test
        void stringField() {
            JsonObject o = JsonBodies.object("{\"name\": \"Ada\", \"nothing\": null}");
            assertThat(JsonBodies.string(o, "name")).isEqualTo("Ada");
            assertThat(JsonBodies.string(o, "nothing")).isNull();
            assertThat(JsonBodies.string(o, "absent")).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "true", "false", "[\"a\"]", "{\"x\": \"y\"}"})
        void stringFieldOfAnotherType(String value) {
            JsonObject o = JsonBodies.object("{\"issuer\": " + value + "}");
            assertFieldError(() -> JsonBodies.string(o, "issuer"), "issuer", "must be a string");
        }

        @Test
        void stringsField() {
            JsonObject o = JsonBodies.object("{\"origins\": [\"https://a.example\", \"https://b.example\"], \"none\": null, \"empty\": []}");
            assertThat(JsonBodies.strings(o, "origins")).containsExactly("https://a.example", "https://b.example");
            assertThat(JsonBodies.strings(o, "none")).isNull();
            assertThat(JsonBodies.strings(o, "absent")).isNull();
            assertThat(JsonBodies.strings(o, "empty")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"https://a.example\"", "5", "{}", "[\"ok\", 5]", "[\"ok\", null]", "[[\"nested\"]]"})
        void stringsFieldOfAnotherType(String value) {
            JsonObject o = JsonBodies.object("{\"frameOrigins\": " + value + "}");
            assertFieldError(() -> JsonBodies.strings(o, "frameOrigins"), "frameOrigins", "must be an array of strings");
        }
    }
}
