package app.tandem.alignment.web;

import app.tandem.alignment.application.Coverage;
import app.tandem.alignment.application.Coverage.ItemUse;
import app.tandem.alignment.application.Coverage.StandardCoverage;
import app.tandem.alignment.application.CoverageRollup;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Coverage as CSV (RFC 4180: comma-separated, CRLF, fields with commas, quotes or line breaks quoted, quotes
 * doubled), UTF-8 with a byte-order mark so spreadsheets read accents. Text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return: titles and names come from teachers and the LMS) is
 * prefixed with an apostrophe.
 */
final class CoverageCsv {
    static final String BOM = "\uFEFF";

    private CoverageCsv() {
    }

    /** One row per target standard of the section. */
    static String section(Coverage.Report r) {
        StringBuilder out = new StringBuilder(BOM);
        boolean link = r.link() != null;
        row(out, "framework", "domain", "cluster", "code", "statement", "covered", "teaches", "practises", "assesses", "items", "units",
                link ? "covered_in_link_group" : null);
        for (StandardCoverage s : r.standards()) {
            List<ItemUse> items = s.items();
            row(out, s.standard().frameworkTitle(), s.standard().domainLabel(), s.standard().clusterLabel(), s.standard().code(),
                    s.standard().statement(), s.covered() ? "yes" : "no", s.teaches(), s.practises(), s.assesses(),
                    items.stream().map(i -> i.itemTitle() + " (" + i.type().toLowerCase(Locale.ROOT) + (i.viaCode() == null ? "" : ", via "
                            + i.viaCode()) + ")").collect(Collectors.joining("; ")),
                    items.stream().map(ItemUse::unitTitle).filter(u -> u != null).distinct().collect(Collectors.joining("; ")),
                    link ? s.coveredBy().stream().map(id -> r.link().title(id)).collect(Collectors.joining("; ")) : null);
        }
        return out.toString();
    }

    /** One row per matching section and column (domain or framework), then the section's total. */
    static String district(CoverageRollup.Rollup r) {
        StringBuilder out = new StringBuilder(BOM);
        row(out, "section_id", "section", "school", "grades", "subjects", "frameworks", r.byFramework() ? "framework" : "domain",
                "domain_framework", "covered", "targets", "percent");
        for (CoverageRollup.Row row : r.rows()) {
            var s = row.section();
            String grades = String.join(" ", s.grades());
            String subjects = String.join("; ", s.subjects());
            String frameworks = String.join("; ", s.frameworks());
            for (int i = 0; i < r.columns().size(); i++) {
                if (row.cellTargets()[i] >= 0) {
                    var c = r.columns().get(i);
                    row(out, s.id(), s.title(), s.school(), grades, subjects, frameworks, c.label(), c.frameworkTitle(), row.cellCovered()[i],
                            row.cellTargets()[i], Coverage.Totals.percent(row.cellCovered()[i], row.cellTargets()[i]));
                }
            }
            row(out, s.id(), s.title(), s.school(), grades, subjects, frameworks, "All targets", "", row.covered(), row.targets(), row.percent());
        }
        return out.toString();
    }

    /** Appends a record; null values (at the end) are left out, other nulls are empty fields. */
    static void row(StringBuilder out, Object... values) {
        int n = values.length;
        while (n > 0 && values[n - 1] == null) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = values[i];
            out.append(v instanceof Number ? v.toString() : field(v == null ? "" : v.toString()));
        }
        out.append("\r\n");
    }

    /** One text field: formula guard, then quoting. */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** A Content-Disposition value: an ASCII file name (title slug) plus the UTF-8 one (RFC 6266). */
    static String disposition(String base) {
        String ascii = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        if (ascii.length() > 80) {
            ascii = ascii.substring(0, 80);
        }
        String name = (ascii.isEmpty() ? "coverage" : ascii) + ".csv";
        String utf8 = URLEncoder.encode(base + ".csv", StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + name + "\"; filename*=UTF-8''" + utf8;
    }
}
