package app.tandem.standards.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import found: errors (the file is refused, nothing is written) and warnings (normalised and imported),
 * each naming item identifiers or CSV rows and columns. Issues of the same kind are grouped, with the first few
 * places, so a file with 100,000 deviations still gives a short report.
 */
public final class ImportReport {
    public static final int SAMPLES = 20;
    public static final int MAX_KINDS = 200;

    public enum Severity { ERROR, WARNING }

    /** One kind of problem: its code, a plain-language message, how often, and where (identifiers or row/column). */
    public static final class Issue {
        public final Severity severity;
        public final String code;
        public final String message;
        public int count;
        public final List<String> where = new ArrayList<>();

        Issue(Severity severity, String code, String message) {
            this.severity = severity;
            this.code = code;
            this.message = message;
        }

        public Severity severity() { return severity; }
        public String code() { return code; }
        public String message() { return message; }
        public int count() { return count; }
        public List<String> where() { return Collections.unmodifiableList(where); }
    }

    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private int errorCount;
    private int warningCount;

    public void error(String code, String message, String where) {
        add(Severity.ERROR, code, message, where);
    }

    public void warning(String code, String message, String where) {
        add(Severity.WARNING, code, message, where);
    }

    private void add(Severity severity, String code, String message, String where) {
        if (severity == Severity.ERROR) {
            errorCount++;
        } else {
            warningCount++;
        }
        String key = severity + ":" + code;
        Issue issue = issues.get(key);
        if (issue == null) {
            if (issues.size() >= MAX_KINDS) {
                return;
            }
            issue = new Issue(severity, code, message);
            issues.put(key, issue);
        }
        issue.count++;
        if (where != null && issue.where.size() < SAMPLES) {
            issue.where.add(where);
        }
    }

    public boolean hasErrors() {
        return errorCount > 0;
    }

    public int errorCount() {
        return errorCount;
    }

    public int warningCount() {
        return warningCount;
    }

    public List<Issue> errors() {
        return issues.values().stream().filter(i -> i.severity == Severity.ERROR).toList();
    }

    public List<Issue> warnings() {
        return issues.values().stream().filter(i -> i.severity == Severity.WARNING).toList();
    }

    public List<Issue> all() {
        return List.copyOf(issues.values());
    }
}
