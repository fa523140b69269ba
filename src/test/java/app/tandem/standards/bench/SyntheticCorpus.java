package app.tandem.standards.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A large synthetic framework made from the real CCSS Math and ELA statements (ASN trees in shared/data/standards):
 * statements are real sentences recombined, codes follow the CCSS shape (grade.domain.cluster.standard), and the
 * hierarchy is grade → domain → cluster → standard → component. Deterministic for a given size and seed.
 */
public final class SyntheticCorpus {
    public final List<String> statements = new ArrayList<>();
    public final List<String> words = new ArrayList<>();
    static final String[] GRADES = {"K", "1", "2", "3", "4", "5", "6", "7", "8", "HS"};
    static final String[] DOMAINS = {"CC", "OA", "NBT", "NF", "MD", "G", "RP", "NS", "EE", "F", "SP", "RL", "RI", "W", "SL", "L"};

    public SyntheticCorpus(Path dataDir) throws IOException {
        for (String f : new String[] {"ccss-math_asn-tree_D10003FB.json", "ccss-ela_asn-tree_D10003FC.json"}) {
            try (Reader r = Files.newBufferedReader(dataDir.resolve(f), StandardCharsets.UTF_8); JsonReader jr = Json.createReader(r)) {
                collect(jr.readValue());
            }
        }
        java.util.Set<String> vocab = new java.util.TreeSet<>();
        for (String s : statements) {
            for (String w : s.toLowerCase().split("[^a-z]+")) {
                if (w.length() >= 5) {
                    vocab.add(w);
                }
            }
        }
        words.addAll(vocab);
    }

    private void collect(JsonValue v) {
        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue x : (JsonArray) v) {
                collect(x);
            }
        } else if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject o = v.asJsonObject();
            if (o.get("text") != null && o.get("text").getValueType() == JsonValue.ValueType.STRING) {
                String t = o.getString("text").strip();
                if (t.length() > 20) {
                    statements.add(t);
                }
            }
            if (o.containsKey("children")) {
                collect(o.get("children"));
            }
        }
    }

    /** One synthetic item: identifier, code, statement, grade, type, parent index (-1: the document). */
    public record Item(String identifier, String code, String statement, String grade, String type, int parent) {
    }

    /** Item {@code i} of a corpus of {@code n}: levels of fan-out 10 (grades), 16 (domains), 8 (clusters), then standards. */
    public Item item(long seed, int i) {
        Random r = new Random(seed * 1_000_003L + i);
        String id = new UUID(0x5eed000000004000L | (seed & 0xfff) << 16, 0x8000000000000000L | i).toString();
        String statement = statements.get(r.nextInt(statements.size()));
        if (r.nextInt(3) == 0) {
            statement = statement + " " + statements.get(r.nextInt(statements.size()));
        }
        int grade = (i / 1280) % GRADES.length;
        String g = GRADES[grade];
        String d = DOMAINS[(i / 80) % DOMAINS.length];
        char cluster = (char) ('A' + (i / 10) % 8);
        int std = i % 10 + 1;
        int block = i / 10_000;
        String code = g + "." + d + (block == 0 ? "" : block) + "." + cluster + "." + std;
        String type = i % 10 == 0 ? "Cluster" : "Standard";
        int parent = i % 10 == 0 ? -1 : i - i % 10;
        String gradeCode = g.equals("K") ? "KG" : g.equals("HS") ? "10" : String.format("%02d", Integer.parseInt(g));
        return new Item(id, code, statement, gradeCode, type, parent);
    }

    /** Writes a CASE 1.0 CFPackage with {@code n} items and one isChildOf association per item. */
    public void writePackage(Path file, int n, long seed) throws IOException {
        String doc = new UUID(0x5eed00000000d000L, seed).toString();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             JsonGenerator g = Json.createGenerator(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
            g.writeStartObject();
            g.writeStartObject("CFDocument").write("identifier", doc).write("uri", "urn:uuid:" + doc)
                    .write("creator", "Tandem benchmark").write("title", "Synthetic framework (" + n + " items from CCSS text)")
                    .write("lastChangeDateTime", "2026-01-01T00:00:00Z").writeEnd();
            g.writeStartArray("CFItems");
            for (int i = 0; i < n; i++) {
                Item it = item(seed, i);
                g.writeStartObject().write("identifier", it.identifier()).write("uri", "urn:uuid:" + it.identifier())
                        .write("fullStatement", it.statement()).write("humanCodingScheme", it.code()).write("CFItemType", it.type())
                        .writeStartArray("educationLevel").write(it.grade()).writeEnd()
                        .write("lastChangeDateTime", "2026-01-01T00:00:00Z").writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("CFAssociations");
            for (int i = 0; i < n; i++) {
                Item it = item(seed, i);
                String dest = it.parent() < 0 ? doc : item(seed, it.parent()).identifier();
                String aid = new UUID(0x5eed00000000a000L, ((long) i << 8) | (seed & 0xff)).toString();
                g.writeStartObject().write("identifier", aid).write("uri", "urn:uuid:" + aid).write("associationType", "isChildOf")
                        .write("sequenceNumber", i % 10 + 1).write("lastChangeDateTime", "2026-01-01T00:00:00Z")
                        .writeStartObject("originNodeURI").write("title", "o").write("identifier", it.identifier()).write("uri", "urn:uuid:" + it.identifier()).writeEnd()
                        .writeStartObject("destinationNodeURI").write("title", "d").write("identifier", dest).write("uri", "urn:uuid:" + dest).writeEnd()
                        .writeEnd();
            }
            g.writeEnd();
            g.writeEnd();
        }
    }
}
