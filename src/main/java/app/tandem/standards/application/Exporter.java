package app.tandem.standards.application;

import app.tandem.standards.domain.AssociationRecord;
import app.tandem.standards.domain.StandardsStore;
import app.tandem.standards.domain.StandardsStore.Framework;
import app.tandem.standards.domain.StandardsStore.Item;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a framework out again: CASE 1.1 CFPackage JSON (streamed; re-importing it gives the same items,
 * associations and identifiers), Canvas outcomes CSV and Moodle competency framework CSV (parents before
 * children, so both LMS importers accept the file).
 */
public final class Exporter {
    public enum Format {
        CASE("application/json", "json"), CANVAS("text/csv", "canvas.csv"), MOODLE("text/csv", "moodle.csv");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public static Format of(String name) {
            if (name == null) {
                return null;
            }
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "case", "case-json", "json" -> CASE;
                case "canvas", "canvas-csv" -> CANVAS;
                case "moodle", "moodle-csv" -> MOODLE;
                default -> null;
            };
        }
    }

    private final StandardsStore store;

    public Exporter(StandardsStore store) {
        this.store = store;
    }

    public void write(Framework f, Format format, OutputStream out) {
        try {
            switch (format) {
                case CASE -> caseJson(f, out);
                case CANVAS -> canvas(f, out);
                case MOODLE -> moodle(f, out);
                default -> throw new IllegalArgumentException();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uri(String stored, String kind, String identifier) {
        if (stored != null) {
            return stored;
        }
        return Fields.isUuid(identifier) ? "urn:uuid:" + identifier.toLowerCase(java.util.Locale.ROOT)
                : "urn:tandem:" + kind + ":" + identifier;
    }

    private static void put(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.write(name, value);
        }
    }

    private void caseJson(Framework f, OutputStream out) {
        String now = f.updatedAt() == null ? "1970-01-01T00:00:00Z" : f.updatedAt().withNano(0).toString();
        String docUri = uri(f.uri(), "document", f.identifier());
        try (JsonGenerator g = Json.createGenerator(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            g.writeStartObject();
            g.writeStartObject("CFDocument");
            g.write("identifier", f.identifier());
            g.write("uri", docUri);
            g.write("creator", f.creator() == null ? "unknown" : f.creator());
            g.write("title", f.title());
            g.write("lastChangeDateTime", now);
            put(g, "publisher", f.publisher());
            put(g, "description", f.description());
            if (f.subjects() != null) {
                g.writeStartArray("subject");
                Arrays.stream(f.subjects().split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(g::write);
                g.writeEnd();
            }
            put(g, "language", f.language());
            put(g, "version", f.versionLabel());
            put(g, "adoptionStatus", f.adoptionStatus());
            if (f.hasLicence()) {
                g.writeStartObject("licenseURI").write("title", f.licenceTitle() == null ? "Licence" : f.licenceTitle())
                        .write("identifier", licenceId(f)).write("uri", f.licenceUri() == null ? "urn:tandem:licence:" + licenceId(f) : f.licenceUri())
                        .writeEnd();
            }
            g.writeStartObject("CFPackageURI").write("title", f.title()).write("identifier", f.identifier()).write("uri", docUri).writeEnd();
            g.writeEnd();

            g.writeStartArray("CFItems");
            store.forEachItem(f.id(), false, i -> {
                g.writeStartObject();
                g.write("identifier", i.identifier());
                g.write("uri", uri(i.uri(), "item", i.identifier()));
                g.write("fullStatement", i.fullStatement());
                put(g, "alternativeLabel", i.alternativeLabel());
                put(g, "CFItemType", i.type());
                put(g, "humanCodingScheme", i.code());
                put(g, "listEnumeration", i.listEnumeration());
                put(g, "abbreviatedStatement", i.abbreviatedStatement());
                if (i.keywords() != null) {
                    g.writeStartArray("conceptKeywords");
                    i.keywordList().forEach(g::write);
                    g.writeEnd();
                }
                put(g, "notes", i.notes());
                put(g, "language", i.language());
                if (i.grades() != null) {
                    g.writeStartArray("educationLevel");
                    i.gradeList().forEach(g::write);
                    g.writeEnd();
                }
                g.write("lastChangeDateTime", i.lastChange() == null ? now : i.lastChange());
                g.writeStartObject("CFDocumentURI").write("title", f.title()).write("identifier", f.identifier()).write("uri", docUri).writeEnd();
                g.writeEnd();
            });
            g.writeEnd();

            g.writeStartArray("CFAssociations");
            store.forEachAssociation(f.id(), a -> {
                g.writeStartObject();
                g.write("identifier", a.identifier());
                g.write("uri", uri(a.uri(), "association", a.identifier()));
                g.write("associationType", a.type());
                if (a.sequenceNumber() != null) {
                    g.write("sequenceNumber", a.sequenceNumber());
                }
                g.write("lastChangeDateTime", a.lastChange() == null ? now : a.lastChange());
                g.writeStartObject("originNodeURI").write("title", a.originTitle() == null ? "origin" : a.originTitle())
                        .write("identifier", a.originIdentifier()).write("uri", a.originUri() == null ? uri(null, "node", a.originIdentifier()) : a.originUri()).writeEnd();
                g.writeStartObject("destinationNodeURI").write("title", a.destTitle() == null ? "destination" : a.destTitle())
                        .write("identifier", a.destIdentifier()).write("uri", a.destUri() == null ? uri(null, "node", a.destIdentifier()) : a.destUri()).writeEnd();
                g.writeStartObject("CFDocumentURI").write("title", f.title()).write("identifier", f.identifier()).write("uri", docUri).writeEnd();
                g.writeEnd();
            });
            g.writeEnd();

            g.writeStartObject("CFDefinitions");
            g.writeStartArray("CFConcepts").writeEnd();
            g.writeStartArray("CFSubjects").writeEnd();
            g.writeStartArray("CFLicenses");
            if (f.hasLicence()) {
                g.writeStartObject().write("identifier", licenceId(f))
                        .write("uri", f.licenceUri() == null ? "urn:tandem:licence:" + licenceId(f) : f.licenceUri())
                        .write("title", f.licenceTitle() == null ? "Licence" : f.licenceTitle())
                        .write("licenseText", f.licenceText()).write("lastChangeDateTime", now).writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("CFItemTypes").writeEnd();
            g.writeStartArray("CFAssociationGroupings").writeEnd();
            g.writeEnd();
            g.writeEnd();
        }
    }

    private static String licenceId(Framework f) {
        return java.util.UUID.nameUUIDFromBytes(("licence\n" + f.id()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Items in tree order (parents first, siblings by sequence), each with its first parent (null: top level). */
    private List<Item[]> treeOrder(Framework f) {
        Map<String, Item> items = new LinkedHashMap<>();
        store.forEachItem(f.id(), false, i -> items.put(i.identifier(), i));
        Map<String, List<Object[]>> children = new HashMap<>();
        Set<String> hasParent = new HashSet<>();
        int[] order = {0};
        store.forEachAssociation(f.id(), a -> {
            if (a.isChildOf() && items.containsKey(a.originIdentifier()) && hasParent.add(a.originIdentifier())) {
                children.computeIfAbsent(a.destIdentifier(), k -> new ArrayList<>())
                        .add(new Object[] {a.originIdentifier(), a.sequenceNumber() == null ? Integer.MAX_VALUE : a.sequenceNumber(), order[0]++});
            }
        });
        List<Item[]> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        List<String> roots = new ArrayList<>();
        children.getOrDefault(f.identifier(), List.of()).stream().sorted(SIBLINGS).forEach(c -> roots.add((String) c[0]));
        items.keySet().stream().filter(k -> !hasParent.contains(k)).forEach(roots::add);
        for (String r : roots) {
            walk(r, null, items, children, done, out);
        }
        for (String k : items.keySet()) {
            if (!done.contains(k)) {
                walk(k, null, items, children, done, out); // parent chain broken (retired parent): top level
            }
        }
        return out;
    }

    private static final Comparator<Object[]> SIBLINGS = Comparator.<Object[]>comparingInt(o -> (Integer) o[1]).thenComparingInt(o -> (Integer) o[2]);

    private static void walk(String root, Item parent, Map<String, Item> items, Map<String, List<Object[]>> children, Set<String> done, List<Item[]> out) {
        ArrayList<Object[]> stack = new ArrayList<>();
        stack.add(new Object[] {root, parent});
        while (!stack.isEmpty()) {
            Object[] top = stack.remove(stack.size() - 1);
            String id = (String) top[0];
            Item item = items.get(id);
            if (item == null || !done.add(id)) {
                continue;
            }
            out.add(new Item[] {item, (Item) top[1]});
            List<Object[]> kids = new ArrayList<>(children.getOrDefault(id, List.of()));
            kids.sort(SIBLINGS.reversed());
            for (Object[] k : kids) {
                stack.add(new Object[] {k[0], item});
            }
        }
    }

    private static String guid(String identifier) {
        return identifier.replaceAll("\\s+", "_");
    }

    private void canvas(Framework f, OutputStream out) throws IOException {
        List<Item[]> tree = treeOrder(f);
        Set<String> parents = new HashSet<>();
        for (Item[] t : tree) {
            if (t[1] != null) {
                parents.add(t[1].identifier());
            }
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180)) {
            p.printRecord("vendor_guid", "object_type", "title", "description", "display_name", "calculation_method", "calculation_int",
                    "workflow_state", "parent_guids", "mastery_points", "ratings", "", "", "", "", "", "", "");
            for (Item[] t : tree) {
                Item i = t[0];
                boolean group = parents.contains(i.identifier());
                String title = i.code() != null ? i.code() : i.label();
                String parent = t[1] == null ? "" : guid(t[1].identifier());
                if (group) {
                    p.printRecord(guid(i.identifier()), "group", title, i.fullStatement(), "", "", "", "active", parent, "", "", "", "", "", "", "", "", "");
                } else {
                    p.printRecord(guid(i.identifier()), "outcome", title, i.fullStatement(),
                            i.abbreviatedStatement() == null ? "" : i.abbreviatedStatement(), "highest", "", "active", parent, "3",
                            "4", "Exceeds", "3", "Meets", "2", "Approaching", "1", "Beginning");
                }
            }
        }
    }

    private void moodle(Framework f, OutputStream out) throws IOException {
        List<Item[]> tree = treeOrder(f);
        Map<String, List<String>> related = new HashMap<>();
        Set<String> ids = new HashSet<>();
        tree.forEach(t -> ids.add(t[0].identifier()));
        store.forEachAssociation(f.id(), (AssociationRecord a) -> {
            if (!a.isChildOf() && ids.contains(a.originIdentifier()) && ids.contains(a.destIdentifier())
                    && (a.type().equals("isRelatedTo") || a.type().equals("exactMatchOf") || a.type().equals("isPeerOf"))) {
                related.computeIfAbsent(a.originIdentifier(), k -> new ArrayList<>()).add(a.destIdentifier().replace(",", "%2C"));
            }
        });
        int depth = 1;
        Map<String, Integer> depths = new HashMap<>();
        for (Item[] t : tree) {
            int d = t[1] == null ? 1 : depths.getOrDefault(t[1].identifier(), 1) + 1;
            depths.put(t[0].identifier(), d);
            depth = Math.max(depth, d);
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180)) {
            p.printRecord("Parent id number", "Id number", "Shortname", "Description", "Description format", "Scale values",
                    "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
                    "Cross referenced competency id numbers", "Exported id (optional)", "Is framework", "Taxonomy");
            p.printRecord("", shorten(f.identifier(), 100), shorten(f.title(), 100), f.description() == null ? "" : f.description(), "2",
                    "Not yet competent,Competent", "[{\"scaleid\":\"2\"},{\"id\":2,\"scaledefault\":1,\"proficient\":1}]", "", "", "", "", "", "1",
                    String.join(",", java.util.Collections.nCopies(Math.min(depth, 10), "competency")));
            for (Item[] t : tree) {
                Item i = t[0];
                p.printRecord(t[1] == null ? "" : shorten(t[1].identifier(), 100), shorten(i.identifier(), 100),
                        shorten(i.code() != null ? i.code() : i.label(), 100), i.fullStatement(), "2", "", "", "", "0", "null",
                        String.join(",", related.getOrDefault(i.identifier(), List.of())), "", "0", "");
            }
        }
    }

    private static String shorten(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
