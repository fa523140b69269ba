package app.tandem.standards.application;

import app.tandem.standards.domain.AssociationRecord;
import app.tandem.standards.domain.DocumentRecord;
import app.tandem.standards.domain.ImportReport;
import app.tandem.standards.domain.ItemRecord;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Streams a CASE CFPackage (1.0 or 1.1) with JSON-P: one CFItem or CFAssociation object is in memory at a time.
 * Known real-world deviations are normalised and reported as warnings (educationalLevel for educationLevel, a
 * string where CASE wants an array, string sequenceNumber, non-UUID identifiers, CFPackageURI as a plain string,
 * null link URIs, originNodeIdentifier without originNodeURI). Missing required fields and wrong types are errors.
 * When the package lists CFItems before its CFDocument, the document is read first in a quick pre-pass.
 */
public final class CasePackageParser {

    /** The CASE version the package claims (caseVersion, or v1p1/v1p0 in its URIs); "1.0" when it does not say. */
    public record Result(String caseVersion, int items, int associations) {
    }

    private final ImportReport report;
    private String caseVersion;
    private int items;
    private int associations;
    private boolean documentDelivered;

    private CasePackageParser(ImportReport report) {
        this.report = report;
    }

    /** Parses the package the supplier opens (possibly twice: see the class comment) into the sink. */
    public static Result parse(Supplier<InputStream> source, ImportSink sink, ImportReport report) {
        CasePackageParser p = new CasePackageParser(report);
        try {
            DocumentRecord early = null;
            if (!p.documentComesFirst(source)) {
                early = p.findDocument(source);
                if (early == null) {
                    report.error("missing_document", "The package has no CFDocument.", "CFDocument");
                    return new Result(p.caseVersionOrDefault(), 0, 0);
                }
                sink.document(early);
                p.documentDelivered = true;
            }
            try (InputStream in = source.get(); JsonParser parser = Json.createParser(in)) {
                p.readPackage(parser, sink);
            }
        } catch (JsonParsingException e) {
            var loc = e.getLocation();
            report.error("malformed_json", "The file is not valid JSON: " + shortMessage(e.getMessage()),
                    loc == null ? null : "line " + loc.getLineNumber() + ", column " + loc.getColumnNumber());
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            report.error("malformed_json", "The file is not a readable CASE package: " + shortMessage(e.getMessage()), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!p.documentDelivered && !report.hasErrors()) {
            report.error("missing_document", "The package has no CFDocument.", "CFDocument");
        }
        return new Result(p.caseVersionOrDefault(), p.items, p.associations);
    }

    private static String shortMessage(String m) {
        if (m == null) {
            return "";
        }
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    private String caseVersionOrDefault() {
        return caseVersion == null ? "1.0" : caseVersion;
    }

    /** True when CFDocument is the first of CFDocument / CFItems / CFAssociations at the top level. */
    private boolean documentComesFirst(Supplier<InputStream> source) throws IOException {
        try (InputStream in = source.get(); JsonParser parser = Json.createParser(in)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return true; // let the main pass report the shape
            }
            while (parser.hasNext()) {
                JsonParser.Event e = parser.next();
                if (e != JsonParser.Event.KEY_NAME) {
                    return true;
                }
                String key = parser.getString();
                if (key.equals("CFDocument")) {
                    return true;
                }
                if (key.equals("CFItems") || key.equals("CFAssociations")) {
                    return false;
                }
                skipValue(parser);
            }
            return true;
        } catch (JsonException e) {
            return true; // the main pass reports it with its location
        }
    }

    private DocumentRecord findDocument(Supplier<InputStream> source) throws IOException {
        try (InputStream in = source.get(); JsonParser parser = Json.createParser(in)) {
            parser.next();
            while (parser.hasNext()) {
                JsonParser.Event e = parser.next();
                if (e != JsonParser.Event.KEY_NAME) {
                    return null;
                }
                String key = parser.getString();
                if (key.equals("CFDocument")) {
                    if (parser.next() != JsonParser.Event.START_OBJECT) {
                        return null;
                    }
                    return document(parser.getObject());
                }
                skipValue(parser);
            }
        }
        return null;
    }

    private static void skipValue(JsonParser parser) {
        JsonParser.Event e = parser.next();
        if (e == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
        } else if (e == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
        }
    }

    private void readPackage(JsonParser parser, ImportSink sink) {
        if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
            report.error("not_a_package", "The file is JSON but not a CASE CFPackage (expected an object with CFDocument, CFItems, CFAssociations).", null);
            return;
        }
        boolean sawItems = false;
        while (parser.hasNext()) {
            JsonParser.Event e = parser.next();
            if (e == JsonParser.Event.END_OBJECT) {
                break;
            }
            String key = parser.getString();
            switch (key) {
                case "CFDocument" -> {
                    JsonParser.Event de = parser.next();
                    if (de != JsonParser.Event.START_OBJECT) {
                        report.error("wrong_type", "CFDocument must be an object.", "CFDocument");
                        if (de == JsonParser.Event.START_ARRAY) {
                            parser.skipArray();
                        }
                        continue;
                    }
                    JsonObject o = parser.getObject();
                    if (!documentDelivered) {
                        DocumentRecord d = document(o);
                        if (d != null) {
                            sink.document(d);
                            documentDelivered = true;
                        }
                    }
                }
                case "CFItems" -> {
                    if (!expectArray(parser, "CFItems")) {
                        continue;
                    }
                    eachObject(parser, "CFItems", "CFItem", (o, where) -> {
                        ItemRecord item = item(o, where);
                        if (item != null && documentDelivered) {
                            sink.item(item, item.identifier());
                            items++;
                        }
                    });
                    sawItems = true;
                    sink.itemsComplete();
                }
                case "CFAssociations" -> {
                    if (!expectArray(parser, "CFAssociations")) {
                        continue;
                    }
                    eachObject(parser, "CFAssociations", "CFAssociation", (o, where) -> {
                        AssociationRecord a = association(o, where);
                        if (a != null && documentDelivered) {
                            sink.association(a, a.identifier());
                            associations++;
                        }
                    });
                }
                case "CFDefinitions" -> {
                    JsonParser.Event fe = parser.next();
                    if (fe != JsonParser.Event.START_OBJECT) {
                        report.warning("wrong_type", "CFDefinitions should be an object; it was ignored.", "CFDefinitions");
                        if (fe == JsonParser.Event.START_ARRAY) {
                            parser.skipArray();
                        }
                        continue;
                    }
                    definitions(parser.getObject(), sink);
                }
                default -> skipValue(parser);
            }
        }
        if (!sawItems) {
            sink.itemsComplete();
        }
    }

    /** Hands each object of the array just opened to {@code each}; other values are reported and skipped. */
    private void eachObject(JsonParser parser, String array, String element, java.util.function.BiConsumer<JsonObject, String> each) {
        int index = 0;
        while (parser.hasNext()) {
            JsonParser.Event ev = parser.next();
            if (ev == JsonParser.Event.END_ARRAY) {
                return;
            }
            String where = array + "[" + index + "]";
            index++;
            if (ev != JsonParser.Event.START_OBJECT) {
                report.error("wrong_type", "Each " + element + " must be an object.", where);
                if (ev == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
                continue;
            }
            each.accept(parser.getObject(), where);
        }
    }

    private boolean expectArray(JsonParser parser, String name) {
        JsonParser.Event e = parser.next();
        if (e == JsonParser.Event.START_ARRAY) {
            return true;
        }
        report.error("wrong_type", name + " must be an array.", name);
        if (e == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
        }
        return false;
    }

    // ---- records -------------------------------------------------------------------------------------------

    DocumentRecord document(JsonObject o) {
        String where = "CFDocument";
        String identifier = string(o, "identifier", where);
        if (identifier == null) {
            report.error("missing_field", "A required field is missing: identifier.", where + " (identifier)");
            return null;
        }
        where = identifier;
        checkIdentifier(identifier, "CFDocument");
        noteVersion(o.get("caseVersion"), string(o, "uri", where));
        String title = string(o, "title", where);
        if (title == null) {
            report.error("missing_field", "A required field is missing: title.", where + " (title)");
        }
        if (string(o, "creator", where) == null) {
            report.warning("missing_creator", "The CFDocument has no creator (CASE requires one).", where);
        }
        JsonValue pkg = o.get("CFPackageURI");
        if (pkg != null && pkg.getValueType() == JsonValue.ValueType.STRING) {
            report.warning("string_link_uri", "CFPackageURI is a plain string, not a LinkURI object.", where);
        }
        List<String> subjects = strings(o, "subject", where);
        String licenceId = null;
        String licenceTitle = null;
        String licenceUri = null;
        JsonObject lic = link(o, "licenseURI", where);
        if (lic != null) {
            licenceId = text(lic, "identifier");
            licenceTitle = text(lic, "title");
            licenceUri = text(lic, "uri");
        }
        return new DocumentRecord(
                Fields.limit(identifier, Fields.IDENTIFIER, "identifier", where, report),
                Fields.limit(string(o, "uri", where), Fields.URI, "uri", where, report),
                Fields.limit(title, Fields.TITLE, "title", where, report),
                Fields.limit(string(o, "creator", where), Fields.TITLE, "creator", where, report),
                Fields.limit(string(o, "publisher", where), Fields.TITLE, "publisher", where, report),
                Fields.limit(string(o, "description", where), Fields.STATEMENT, "description", where, report),
                subjects,
                Fields.limit(string(o, "language", where), Fields.LANGUAGE, "language", where, report),
                Fields.limit(string(o, "version", where), Fields.CODE, "version", where, report),
                Fields.limit(string(o, "adoptionStatus", where), 100, "adoptionStatus", where, report),
                Fields.limit(string(o, "officialSourceURL", where), Fields.URI, "officialSourceURL", where, report),
                Fields.limit(string(o, "notes", where), Fields.STATEMENT, "notes", where, report),
                Fields.limit(string(o, "lastChangeDateTime", where), Fields.DATE, "lastChangeDateTime", where, report),
                licenceId, licenceTitle, licenceUri);
    }

    ItemRecord item(JsonObject o, String position) {
        String identifier = string(o, "identifier", position);
        if (identifier == null) {
            report.error("missing_field", "A CFItem has no identifier.", position);
            return null;
        }
        String where = identifier;
        checkIdentifier(identifier, "CFItem");
        if (caseVersion == null) {
            noteVersion(null, string(o, "uri", where));
        }
        String statement = string(o, "fullStatement", where);
        if (statement == null) {
            report.error("missing_field", "A required field is missing: fullStatement.", where + " (fullStatement)");
        }
        List<String> levels;
        if (o.containsKey("educationLevel")) {
            levels = strings(o, "educationLevel", where);
        } else if (o.containsKey("educationalLevel")) {
            report.warning("educational_level", "educationalLevel was read as educationLevel.", where);
            levels = strings(o, "educationalLevel", where);
        } else {
            levels = List.of();
        }
        String type = string(o, "CFItemType", where);
        if (type == null) {
            JsonObject typeLink = link(o, "CFItemTypeURI", where);
            if (typeLink != null) {
                type = text(typeLink, "title");
            }
        }
        List<String> keywords = strings(o, "conceptKeywords", where);
        JsonObject licence = link(o, "licenseURI", where);
        List<String> grades = Fields.gradeLevels(levels);
        String gradeText = Fields.limit(Fields.joinLimited(grades, ","), Fields.LEVELS, "educationLevel", where, report);
        String keywordText = Fields.limit(Fields.joinLimited(keywords, "|"), Fields.KEYWORDS, "conceptKeywords", where, report);
        ItemRecord r = new ItemRecord(
                Fields.limit(identifier, Fields.IDENTIFIER, "identifier", where, report),
                Fields.limit(string(o, "uri", where), Fields.URI, "uri", where, report),
                Fields.limit(statement, Fields.STATEMENT, "fullStatement", where, report),
                Fields.limit(string(o, "abbreviatedStatement", where), Fields.SHORT_TEXT, "abbreviatedStatement", where, report),
                Fields.limit(string(o, "alternativeLabel", where), Fields.SHORT_TEXT, "alternativeLabel", where, report),
                Fields.limit(string(o, "humanCodingScheme", where), Fields.CODE, "humanCodingScheme", where, report),
                Fields.limit(string(o, "listEnumeration", where), Fields.LIST_ENUMERATION, "listEnumeration", where, report),
                Fields.limit(type, Fields.TYPE, "CFItemType", where, report),
                gradeText == null ? List.of() : grades,
                keywordText == null ? List.of() : keywords,
                Fields.limit(string(o, "notes", where), Fields.STATEMENT, "notes", where, report),
                Fields.limit(string(o, "language", where), Fields.LANGUAGE, "language", where, report),
                licence == null ? null : Fields.limit(text(licence, "uri"), Fields.URI, "licenseURI", where, report),
                Fields.limit(string(o, "lastChangeDateTime", where), Fields.DATE, "lastChangeDateTime", where, report));
        if (r.identifier() == null || r.fullStatement() == null) {
            return null;
        }
        return r;
    }

    AssociationRecord association(JsonObject o, String position) {
        String identifier = string(o, "identifier", position);
        if (identifier == null) {
            report.error("missing_field", "A CFAssociation has no identifier.", position);
            return null;
        }
        String where = identifier;
        checkIdentifier(identifier, "CFAssociation");
        String rawType = string(o, "associationType", where);
        if (rawType == null) {
            report.error("missing_field", "A required field is missing: associationType.", where + " (associationType)");
            return null;
        }
        String type = Fields.associationType(rawType);
        if (!type.equals(rawType)) {
            report.warning("association_type_spelling", "An association type was spelled differently and normalised (" + rawType + " → " + type + ").", where);
        }
        if (!Fields.knownAssociationType(type)) {
            report.warning("unknown_association_type", "An association type is not a CASE type nor an ext: type; it was kept as is.", where + " (" + type + ")");
        }
        String[] origin = end(o, "originNodeURI", "originNodeIdentifier", where);
        String[] dest = end(o, "destinationNodeURI", "destinationNodeIdentifier", where);
        if (origin == null || dest == null) {
            return null;
        }
        Integer seq = null;
        JsonValue sv = o.get("sequenceNumber");
        if (sv != null && sv.getValueType() != JsonValue.ValueType.NULL) {
            if (sv.getValueType() == JsonValue.ValueType.NUMBER) {
                JsonNumber n = (JsonNumber) sv;
                if (n.isIntegral()) {
                    seq = n.intValue();
                } else {
                    report.warning("fractional_sequence_number", "sequenceNumber is not a whole number; it was rounded.", where);
                    seq = (int) Math.round(n.doubleValue());
                }
            } else if (sv.getValueType() == JsonValue.ValueType.STRING) {
                String s = ((JsonString) sv).getString().strip();
                try {
                    seq = Integer.valueOf(s);
                    report.warning("string_sequence_number", "sequenceNumber is a string; it was read as a number.", where);
                } catch (NumberFormatException e) {
                    report.warning("bad_sequence_number", "sequenceNumber is not a number; it was ignored.", where + " (\"" + s + "\")");
                }
            } else {
                report.warning("bad_sequence_number", "sequenceNumber is not a number; it was ignored.", where);
            }
        }
        String grouping = null;
        JsonObject g = link(o, "CFAssociationGroupingURI", where);
        if (g != null) {
            grouping = text(g, "identifier");
            if (text(g, "uri") == null) {
                report.warning("null_link_uri", "A LinkURI has no uri.", where + " (CFAssociationGroupingURI)");
            }
        }
        return new AssociationRecord(
                Fields.limit(identifier, Fields.IDENTIFIER, "identifier", where, report),
                Fields.limit(string(o, "uri", where), Fields.URI, "uri", where, report),
                Fields.limit(type, Fields.TYPE, "associationType", where, report),
                origin[0], origin[1], origin[2], dest[0], dest[1], dest[2], seq,
                grouping == null ? null : Fields.limit(grouping, Fields.IDENTIFIER, "CFAssociationGroupingURI", where, report),
                Fields.limit(string(o, "lastChangeDateTime", where), Fields.DATE, "lastChangeDateTime", where, report));
    }

    /** identifier, uri, title of an association end (a LinkGenURI, or the pre-1.0 *Identifier field). */
    private String[] end(JsonObject o, String linkField, String idField, String where) {
        JsonValue v = o.get(linkField);
        String identifier = null;
        String uri = null;
        String title = null;
        if (v != null && v.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject l = v.asJsonObject();
            identifier = text(l, "identifier");
            uri = text(l, "uri");
            title = text(l, "title");
            if (uri == null) {
                report.warning("null_link_uri", "A LinkURI has no uri.", where + " (" + linkField + ")");
            }
        } else if (v != null && v.getValueType() == JsonValue.ValueType.STRING) {
            uri = ((JsonString) v).getString();
            report.warning("string_link_uri", "A LinkURI is a plain string, not an object; it was read as the uri.", where + " (" + linkField + ")");
        }
        if (identifier == null) {
            String legacy = text(o, idField);
            if (legacy != null) {
                identifier = legacy;
            } else if (uri != null) {
                identifier = uri;
                report.warning("end_without_identifier", "An association end has no identifier; its URI is used instead.", where + " (" + linkField + ")");
            }
        }
        if (identifier == null) {
            report.error("missing_field", "A required field is missing: " + linkField + ".", where + " (" + linkField + ")");
            return null;
        }
        if (identifier.length() > Fields.IDENTIFIER) {
            report.error("field_too_long", "A field is longer than Tandem stores (" + linkField + " identifier).", where);
            return null;
        }
        return new String[] {identifier, uri == null || uri.length() > Fields.URI ? null : uri,
                title == null ? null : (title.length() > Fields.TITLE ? title.substring(0, Fields.TITLE) : title)};
    }

    private void definitions(JsonObject defs, ImportSink sink) {
        JsonValue lic = defs.get("CFLicenses");
        if (lic != null && lic.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue v : (JsonArray) lic) {
                if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                    JsonObject l = v.asJsonObject();
                    sink.licence(text(l, "identifier"), text(l, "title"), text(l, "uri"), text(l, "licenseText"));
                }
            }
        }
    }

    private void checkIdentifier(String identifier, String what) {
        if (!Fields.isUuid(identifier)) {
            report.warning("non_uuid_identifier", "Identifiers should be UUIDs (CASE); this one was kept as is.", what + " " + identifier);
        }
    }

    private void noteVersion(JsonValue declared, String uri) {
        if (caseVersion != null) {
            return;
        }
        if (declared != null && declared.getValueType() == JsonValue.ValueType.STRING) {
            String v = ((JsonString) declared).getString();
            caseVersion = v.contains("1.1") ? "1.1" : v.contains("1.0") ? "1.0" : v;
        } else if (uri != null && uri.contains("/v1p1/")) {
            caseVersion = "1.1";
        } else if (uri != null && uri.contains("/v1p0/")) {
            caseVersion = "1.0";
        }
    }

    // ---- JSON helpers ----------------------------------------------------------------------------------------

    /** A string field (numbers are accepted as their text); other types are errors. */
    private String string(JsonObject o, String field, String where) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() == JsonValue.ValueType.STRING) {
            return Fields.clean(((JsonString) v).getString());
        }
        if (v.getValueType() == JsonValue.ValueType.NUMBER) {
            return v.toString();
        }
        report.error("wrong_type", "A field has the wrong type (" + field + " must be a string).", where + " (" + field + ")");
        return null;
    }

    /** A string array; a single string is accepted (with a warning). */
    private List<String> strings(JsonObject o, String field, String where) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (v.getValueType() == JsonValue.ValueType.STRING) {
            report.warning("string_for_array", "A field that CASE defines as an array is a single string; it was read as a list.", where + " (" + field + ")");
            String s = Fields.clean(((JsonString) v).getString());
            return s == null ? List.of() : List.of(s);
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            report.error("wrong_type", "A field has the wrong type (" + field + " must be an array of strings).", where + " (" + field + ")");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonValue e : (JsonArray) v) {
            if (e.getValueType() == JsonValue.ValueType.STRING) {
                String s = Fields.clean(((JsonString) e).getString());
                if (s != null) {
                    out.add(s);
                }
            } else if (e.getValueType() == JsonValue.ValueType.NUMBER) {
                out.add(e.toString());
            } else {
                report.error("wrong_type", "A field has the wrong type (" + field + " must be an array of strings).", where + " (" + field + ")");
                return List.of();
            }
        }
        return out;
    }

    private JsonObject link(JsonObject o, String field, String where) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            return v.asJsonObject();
        }
        if (v.getValueType() == JsonValue.ValueType.STRING) {
            report.warning("string_link_uri", "A LinkURI is a plain string, not an object; it was read as the uri.", where + " (" + field + ")");
            return Json.createObjectBuilder().add("uri", v).build();
        }
        report.warning("wrong_type", "A LinkURI has the wrong type and was ignored.", where + " (" + field + ")");
        return null;
    }

    private static String text(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
            return null;
        }
        return Fields.clean(((JsonString) v).getString());
    }
}
