package app.tandem.standards.application;

import app.tandem.standards.domain.AssociationRecord;
import app.tandem.standards.domain.DocumentRecord;
import app.tandem.standards.domain.ImportReport;
import app.tandem.standards.domain.ItemRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads frameworks from CSV in three dialects, detected from the header row:
 * <ul>
 *   <li><b>OpenSALT CASE columns</b> ({@code identifier, fullStatement, humanCodingScheme, smartLevel, ...}, or
 *       OpenSALT's generic import with {@code Is Child Of}, {@code IsRelatedTo}, ... columns);</li>
 *   <li><b>Canvas outcomes CSV</b> ({@code vendor_guid, object_type, title, description, display_name, ...,
 *       parent_guids, ratings});</li>
 *   <li><b>Moodle competency framework CSV</b> (tool_lpimportcsv: {@code Parent id number, Id number, Shortname,
 *       Description, ..., Is framework, Taxonomy}).</li>
 * </ul>
 * Two streaming passes: the first learns identifiers, codes and parents (so references can point forward and
 * errors can name row and column), the second emits records. Problems name the spreadsheet row (the header is
 * row 1) and the column.
 */
public final class CsvImportParser {

    public enum Dialect {
        OPENSALT("csv-opensalt"), CANVAS("csv-canvas"), MOODLE("csv-moodle");

        private final String format;

        Dialect(String format) {
            this.format = format;
        }

        public String format() {
            return format;
        }
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).setAllowDuplicateHeaderNames(true)
            .setIgnoreEmptyLines(true).setTrim(false).get();

    private CsvImportParser() {
    }

    private static String norm(String header) {
        return header == null ? "" : header.replace("\uFEFF", "").replaceAll("[\\s_()-]", "").toLowerCase(Locale.ROOT);
    }

    /** The dialect of the file's header row, or null. */
    public static Dialect detect(InputStream in) throws IOException {
        try (CSVParser p = CSVParser.parse(reader(in), FORMAT)) {
            Set<String> h = new HashSet<>();
            for (String name : p.getHeaderNames()) {
                h.add(norm(name));
            }
            if (h.contains("vendorguid") && h.contains("objecttype") && h.contains("title")) {
                return Dialect.CANVAS;
            }
            if (h.contains("parentidnumber") && h.contains("idnumber") && h.contains("shortname")) {
                return Dialect.MOODLE;
            }
            if (h.contains("fullstatement") && (h.contains("identifier") || h.contains("humancodingscheme"))) {
                return Dialect.OPENSALT;
            }
            return null;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            return null;
        }
    }

    private static Reader reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** A column looked up by normalised header name. */
    private static final class Columns {
        final Map<String, Integer> index = new HashMap<>();
        final List<String> names;

        Columns(List<String> headerNames) {
            names = headerNames;
            for (int i = 0; i < headerNames.size(); i++) {
                index.putIfAbsent(norm(headerNames.get(i)), i);
            }
        }

        String get(CSVRecord r, String... keys) {
            for (String k : keys) {
                Integer i = index.get(k);
                if (i != null && i < r.size()) {
                    return Fields.clean(r.get(i));
                }
            }
            return null;
        }

        boolean has(String key) {
            return index.containsKey(key);
        }

        String label(String... keys) {
            for (String k : keys) {
                Integer i = index.get(k);
                if (i != null) {
                    return names.get(i);
                }
            }
            return keys[0];
        }
    }

    private static String where(CSVRecord r, String column) {
        return "row " + (r.getRecordNumber() + 1) + ", column " + column;
    }

    private static String row(CSVRecord r) {
        return "row " + (r.getRecordNumber() + 1);
    }

    public static void parse(Supplier<InputStream> source, Dialect dialect, String sourceName, ImportSink sink, ImportReport report) {
        try {
            switch (dialect) {
                case OPENSALT -> openSalt(source, sourceName, sink, report);
                case CANVAS -> canvas(source, sourceName, sink, report);
                case MOODLE -> moodle(source, sourceName, sink, report);
                default -> throw new IllegalStateException();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            report.error("malformed_csv", "The CSV file could not be read: " + e.getMessage(), null);
        }
    }

    private static DocumentRecord csvDocument(String prefix, String sourceName, String title, String description) {
        String name = sourceName == null || sourceName.isBlank() ? "framework" : sourceName.strip();
        String base = name.replaceAll("\\.[A-Za-z0-9]{1,5}$", "");
        String t = title == null ? base : title;
        return new DocumentRecord(prefix + ":" + base, null, t.length() > 1000 ? t.substring(0, 1000) : t, null, null, description,
                List.of(), "en", null, null, null, null, null, null, null, null);
    }

    private static String assocId(String origin, String type, String dest) {
        return UUID.nameUUIDFromBytes((origin + "\n" + type + "\n" + dest).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static AssociationRecord link(String origin, String type, String dest, Integer seq) {
        return new AssociationRecord(assocId(origin, type, dest), null, type, origin, null, null, dest, null, null, seq, null, null);
    }

    // ---- OpenSALT ------------------------------------------------------------------------------------------

    private static final String[][] OPENSALT_ASSOCIATIONS = {
            {"ischildof", "isChildOf"}, {"ispartof", "isPartOf"}, {"replacedby", "replacedBy"}, {"exemplar", "exemplar"},
            {"hasskilllevel", "hasSkillLevel"}, {"isrelatedto", "isRelatedTo"}, {"exactmatchof", "exactMatchOf"},
            {"precedes", "precedes"}, {"ispeerof", "isPeerOf"}, {"istranslationof", "isTranslationOf"}};

    private static void openSalt(Supplier<InputStream> source, String sourceName, ImportSink sink, ImportReport report) throws IOException {
        // pass 1: identifiers, codes, smartLevel positions
        Set<String> identifiers = new HashSet<>();
        Map<String, String> byCode = new HashMap<>();
        Map<String, String> bySmartLevel = new HashMap<>();
        Map<String, Long> firstRow = new HashMap<>();
        try (CSVParser p = CSVParser.parse(reader(source.get()), FORMAT)) {
            Columns col = new Columns(p.getHeaderNames());
            for (CSVRecord r : p) {
                String id = openSaltIdentifier(col, r);
                if (id == null) {
                    continue;
                }
                Long first = firstRow.putIfAbsent(id, r.getRecordNumber() + 1);
                if (first != null) {
                    report.error("duplicate_identifier", "Two rows have the same identifier.", where(r, col.label("identifier")) + " (same as row " + first + ")");
                    continue;
                }
                identifiers.add(id);
                String code = col.get(r, "humancodingscheme");
                if (code != null) {
                    byCode.putIfAbsent(code, id);
                }
                String smart = col.get(r, "smartlevel");
                if (smart != null) {
                    bySmartLevel.putIfAbsent(smart, id);
                }
            }
        }
        DocumentRecord doc = csvDocument("csv", sourceName, null, null);
        sink.document(doc);
        Set<String> emitted = new HashSet<>();
        List<AssociationRecord> associations = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(reader(source.get()), FORMAT)) {
            Columns col = new Columns(p.getHeaderNames());
            boolean generic = col.has("ischildof");
            for (CSVRecord r : p) {
                String id = openSaltIdentifier(col, r);
                if (id == null) {
                    report.error("missing_field", "A row has neither identifier nor humanCodingScheme.", where(r, col.label("identifier")));
                    continue;
                }
                if (!emitted.add(id)) {
                    continue;
                }
                if (!Fields.isUuid(id)) {
                    report.warning("non_uuid_identifier", "Identifiers should be UUIDs (CASE); this one was kept as is.", row(r) + " (" + id + ")");
                }
                String statement = col.get(r, "fullstatement");
                if (statement == null) {
                    report.error("missing_field", "A required value is missing.", where(r, col.label("fullstatement")));
                    continue;
                }
                String w = row(r);
                List<String> levels = Fields.gradeLevels(listOf(col.get(r, "educationlevel", "educationallevel", "grade", "gradelevel")));
                List<String> keywords = listOf(col.get(r, "conceptkeywords"));
                ItemRecord item = new ItemRecord(
                        Fields.limit(id, Fields.IDENTIFIER, "identifier", w, report), null,
                        Fields.limit(statement, Fields.STATEMENT, col.label("fullstatement"), w, report),
                        Fields.limit(col.get(r, "abbreviatedstatement"), Fields.SHORT_TEXT, "abbreviatedStatement", w, report),
                        null,
                        Fields.limit(col.get(r, "humancodingscheme"), Fields.CODE, "humanCodingScheme", w, report),
                        Fields.limit(col.get(r, "listenumeration"), Fields.LIST_ENUMERATION, "listEnumeration", w, report),
                        Fields.limit(col.get(r, "cfitemtype", "itemtype"), Fields.TYPE, "CFItemType", w, report),
                        levels, keywords,
                        Fields.limit(col.get(r, "notes"), Fields.STATEMENT, "notes", w, report),
                        Fields.limit(col.get(r, "language"), Fields.LANGUAGE, "language", w, report),
                        null,
                        Fields.limit(col.get(r, "lastchangedatetime"), Fields.DATE, "lastChangeDateTime", w, report));
                if (item.identifier() == null || item.fullStatement() == null) {
                    continue;
                }
                sink.item(item, w + " (" + id + ")");
                Integer seq = integer(col.get(r, "sequencenumber"), r, col.label("sequencenumber"), report);
                if (generic) {
                    boolean hasParent = false;
                    for (String[] a : OPENSALT_ASSOCIATIONS) {
                        if (!col.has(a[0])) {
                            continue;
                        }
                        String value = col.get(r, a[0]);
                        if (value == null) {
                            continue;
                        }
                        for (String target : value.split("[,|]")) {
                            String t = target.strip();
                            if (t.isEmpty()) {
                                continue;
                            }
                            String resolved = identifiers.contains(t) ? t : byCode.get(t);
                            if (a[1].equals("isChildOf")) {
                                if (resolved == null) {
                                    report.error("dangling_association", "The parent is neither an identifier nor a code in this file.",
                                            where(r, col.label(a[0])) + " (\"" + t + "\")");
                                    continue;
                                }
                                hasParent = true;
                                associations.add(link(id, "isChildOf", resolved, seq));
                            } else {
                                associations.add(link(id, a[1], resolved == null ? t : resolved, null));
                            }
                        }
                    }
                    if (!hasParent) {
                        associations.add(link(id, "isChildOf", doc.identifier(), seq));
                    }
                } else {
                    String smart = col.get(r, "smartlevel");
                    String parent = null;
                    Integer order = seq;
                    if (smart != null) {
                        int dot = smart.lastIndexOf('.');
                        if (dot > 0) {
                            parent = bySmartLevel.get(smart.substring(0, dot));
                            if (parent == null) {
                                report.warning("smartlevel_parent_missing", "No row has the parent smartLevel; the item was placed at the top.",
                                        where(r, col.label("smartlevel")) + " (" + smart + ")");
                            }
                        }
                        if (order == null) {
                            try {
                                order = Integer.valueOf(smart.substring(dot + 1));
                            } catch (NumberFormatException e) {
                                report.warning("bad_smartlevel", "smartLevel is not a dotted list of numbers.", where(r, col.label("smartlevel")));
                            }
                        }
                    }
                    associations.add(link(id, "isChildOf", parent == null ? doc.identifier() : parent, order));
                }
            }
        }
        sink.itemsComplete();
        for (AssociationRecord a : associations) {
            sink.association(a, a.identifier());
        }
    }

    private static String openSaltIdentifier(Columns col, CSVRecord r) {
        String id = col.get(r, "identifier");
        return id != null ? id : col.get(r, "humancodingscheme");
    }

    // ---- Canvas --------------------------------------------------------------------------------------------

    private static void canvas(Supplier<InputStream> source, String sourceName, ImportSink sink, ImportReport report) throws IOException {
        Set<String> guids = new HashSet<>();
        Map<String, Long> firstRow = new HashMap<>();
        try (CSVParser p = CSVParser.parse(reader(source.get()), FORMAT)) {
            Columns col = new Columns(p.getHeaderNames());
            for (CSVRecord r : p) {
                String guid = col.get(r, "vendorguid");
                if (guid == null || "deleted".equalsIgnoreCase(col.get(r, "workflowstate"))) {
                    continue;
                }
                Long first = firstRow.putIfAbsent(guid, r.getRecordNumber() + 1);
                if (first != null) {
                    report.error("duplicate_identifier", "Two rows have the same vendor_guid.", where(r, "vendor_guid") + " (same as row " + first + ")");
                } else {
                    guids.add(guid);
                }
            }
        }
        DocumentRecord doc = csvDocument("canvas", sourceName, null, null);
        sink.document(doc);
        List<AssociationRecord> associations = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        Map<String, Integer> childCounter = new HashMap<>();
        try (CSVParser p = CSVParser.parse(reader(source.get()), FORMAT)) {
            Columns col = new Columns(p.getHeaderNames());
            for (CSVRecord r : p) {
                String w = row(r);
                String guid = col.get(r, "vendorguid");
                if (guid == null) {
                    report.error("missing_field", "A required value is missing.", where(r, "vendor_guid"));
                    continue;
                }
                if ("deleted".equalsIgnoreCase(col.get(r, "workflowstate"))) {
                    report.warning("deleted_row", "A row with workflow_state=deleted was skipped.", w + " (" + guid + ")");
                    continue;
                }
                if (!emitted.add(guid)) {
                    continue;
                }
                if (guid.contains(" ")) {
                    report.error("bad_value", "vendor_guid cannot contain spaces.", where(r, "vendor_guid"));
                    continue;
                }
                String type = col.get(r, "objecttype");
                if (type == null || !(type.equalsIgnoreCase("outcome") || type.equalsIgnoreCase("group"))) {
                    report.error("bad_value", "object_type must be \"outcome\" or \"group\".", where(r, "object_type") + " (\"" + type + "\")");
                    continue;
                }
                String title = col.get(r, "title");
                if (title == null) {
                    report.error("missing_field", "A required value is missing.", where(r, "title"));
                    continue;
                }
                String description = plainText(col.get(r, "description"));
                String display = col.get(r, "displayname");
                boolean outcome = type.equalsIgnoreCase("outcome");
                String code = looksLikeCode(title) ? title : looksLikeCode(display) ? display : null;
                String statement = description != null ? description : title;
                ItemRecord item = new ItemRecord(
                        Fields.limit(guid, Fields.IDENTIFIER, "vendor_guid", w, report), null,
                        Fields.limit(statement, Fields.STATEMENT, description != null ? "description" : "title", w, report),
                        Fields.limit(code == null ? title : display, Fields.SHORT_TEXT, "display_name", w, report),
                        null,
                        Fields.limit(code, Fields.CODE, "title", w, report), null,
                        outcome ? "Outcome" : "Group", List.of(), List.of(), null, null, null, null);
                if (item.identifier() == null || item.fullStatement() == null) {
                    continue;
                }
                sink.item(item, w + " (" + guid + ")");
                String parents = col.get(r, "parentguids");
                boolean any = false;
                if (parents != null) {
                    for (String parent : parents.split("\\s+")) {
                        if (parent.isEmpty()) {
                            continue;
                        }
                        if (!guids.contains(parent)) {
                            report.error("dangling_association", "parent_guids names a group that is not in the file.",
                                    where(r, "parent_guids") + " (\"" + parent + "\")");
                            continue;
                        }
                        any = true;
                        associations.add(link(guid, "isChildOf", parent, childCounter.merge(parent, 1, Integer::sum)));
                    }
                }
                if (!any) {
                    associations.add(link(guid, "isChildOf", doc.identifier(), childCounter.merge(doc.identifier(), 1, Integer::sum)));
                }
            }
        }
        sink.itemsComplete();
        for (AssociationRecord a : associations) {
            sink.association(a, a.identifier());
        }
    }

    // ---- Moodle --------------------------------------------------------------------------------------------

    private static void moodle(Supplier<InputStream> source, String sourceName, ImportSink sink, ImportReport report) throws IOException {
        Set<String> ids = new HashSet<>();
        Map<String, String> parentOf = new HashMap<>();
        Map<String, Long> firstRow = new HashMap<>();
        String frameworkId = null;
        String frameworkTitle = null;
        String frameworkDescription = null;
        List<String> taxonomy = List.of();
        try (CSVParser p = CSVParser.parse(reader(source.get()), FORMAT)) {
            Columns col = new Columns(p.getHeaderNames());
            for (CSVRecord r : p) {
                String id = col.get(r, "idnumber");
                if (truthy(col.get(r, "isframework"))) {
                    if (frameworkId == null) {
                        frameworkId = id;
                        frameworkTitle = col.get(r, "shortname");
                        frameworkDescription = plainText(col.get(r, "description"));
                        String tax = col.get(r, "taxonomy");
                        taxonomy = tax == null ? List.of() : List.of(tax.split(","));
                    }
                    continue;
                }
                if (id == null) {
                    continue;
                }
                Long first = firstRow.putIfAbsent(id, r.getRecordNumber() + 1);
                if (first != null) {
                    report.error("duplicate_identifier", "Two rows have the same Id number.", where(r, col.label("idnumber")) + " (same as row " + first + ")");
                    continue;
                }
                ids.add(id);
                String parent = col.get(r, "parentidnumber");
                if (parent != null) {
                    parentOf.put(id, parent);
                }
            }
        }
        if (frameworkId == null) {
            report.warning("no_framework_row", "No row has \"Is framework\" set; the file name names the framework.", null);
        }
        DocumentRecord doc = frameworkId == null
                ? csvDocument("moodle", sourceName, null, null)
                : new DocumentRecord(frameworkId, null, frameworkTitle == null ? frameworkId : frameworkTitle, null, null,
                frameworkDescription, List.of(), "en", null, null, null, null, null, null, null, null);
        sink.document(doc);
        List<AssociationRecord> associations = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        Map<String, Integer> childCounter = new HashMap<>();
        try (CSVParser p = CSVParser.parse(reader(source.get()), FORMAT)) {
            Columns col = new Columns(p.getHeaderNames());
            for (CSVRecord r : p) {
                if (truthy(col.get(r, "isframework"))) {
                    continue;
                }
                String w = row(r);
                String id = col.get(r, "idnumber");
                if (id == null) {
                    report.error("missing_field", "A required value is missing.", where(r, col.label("idnumber")));
                    continue;
                }
                if (!emitted.add(id)) {
                    continue;
                }
                String shortName = col.get(r, "shortname");
                if (shortName == null) {
                    report.error("missing_field", "A required value is missing.", where(r, col.label("shortname")));
                    continue;
                }
                String description = plainText(col.get(r, "description"));
                int depth = depth(id, parentOf);
                String type = depth < taxonomy.size() ? capitalise(taxonomy.get(depth).strip()) : "Competency";
                ItemRecord item = new ItemRecord(
                        Fields.limit(id, Fields.IDENTIFIER, "Id number", w, report), null,
                        Fields.limit(description != null ? description : shortName, Fields.STATEMENT, "Description", w, report),
                        Fields.limit(shortName, Fields.SHORT_TEXT, "Shortname", w, report), null,
                        Fields.limit(id, Fields.CODE, "Id number", w, report), null, type,
                        List.of(), List.of(), null, null, null, null);
                if (item.identifier() == null || item.fullStatement() == null) {
                    continue;
                }
                sink.item(item, w + " (" + id + ")");
                String parent = parentOf.get(id);
                if (parent != null && !ids.contains(parent)) {
                    report.error("dangling_association", "The parent Id number is not in the file.", where(r, col.label("parentidnumber")) + " (\"" + parent + "\")");
                } else {
                    String dest = parent == null ? doc.identifier() : parent;
                    associations.add(link(id, "isChildOf", dest, childCounter.merge(dest, 1, Integer::sum)));
                }
                String related = col.get(r, "crossreferencedcompetencyidnumbers");
                if (related != null) {
                    for (String rel : related.split(",")) {
                        String t = rel.strip().replace("%2C", ",");
                        if (!t.isEmpty()) {
                            associations.add(link(id, "isRelatedTo", t, null));
                        }
                    }
                }
            }
        }
        sink.itemsComplete();
        for (AssociationRecord a : associations) {
            sink.association(a, a.identifier());
        }
    }

    private static int depth(String id, Map<String, String> parentOf) {
        int d = 0;
        String cur = parentOf.get(id);
        while (cur != null && d < 50) {
            d++;
            cur = parentOf.get(cur);
        }
        return d;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static boolean truthy(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static boolean looksLikeCode(String s) {
        return s != null && s.length() <= 60 && !s.contains(" ") && s.matches(".*[0-9A-Z].*") && s.matches("[\\p{L}\\p{N}._:/-]+");
    }

    private static List<String> listOf(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : value.split("[,|;]")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static Integer integer(String v, CSVRecord r, String column, ImportReport report) {
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            report.warning("bad_sequence_number", "Not a whole number; it was ignored.", where(r, column) + " (\"" + v + "\")");
            return null;
        }
    }

    /** Descriptions from LMS exports are HTML: tags removed, common entities decoded, whitespace collapsed. */
    static String plainText(String html) {
        if (html == null) {
            return null;
        }
        String s = html.replaceAll("(?i)<br\\s*/?>|</p>", " ").replaceAll("<[^>]*>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? null : s;
    }
}
