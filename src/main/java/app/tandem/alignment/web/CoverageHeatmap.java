package app.tandem.alignment.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a coverage heatmap (rows × columns, each cell "covered of targets") for an SVG template: positions,
 * a colour-blind-safe sequential palette (ColorBrewer Blues: one hue, lightness only) whose cell text meets WCAG AA
 * contrast (4.5:1) on every fill, and the value written in every cell; "nothing covered" cells are also hatched and
 * cells that do not apply are grey with a dash, so no information is carried by colour alone. Pages pair each
 * heatmap with a table of the same numbers.
 */
public final class CoverageHeatmap {
    public static final int LABEL_WIDTH = 230;
    /** The most room the rotated column labels get above the grid. */
    public static final int MAX_HEADER_HEIGHT = 150;
    public static final int CELL_WIDTH = 52;
    public static final int CELL_HEIGHT = 28;
    static final int LEGEND_HEIGHT = 56;

    static final String INK = "#1d2433";
    static final String WHITE = "#ffffff";
    static final String NOT_APPLICABLE_FILL = "#f5f7fb";
    static final String NOT_APPLICABLE_INK = "#4a5468";

    /** A palette level: from (inclusive) percent, fill, text colour, legend label. */
    public record Level(int from, String fill, String ink, String label, boolean hatched) {
    }

    public static final List<Level> LEVELS = List.of(
            new Level(0, WHITE, INK, "none", true),
            new Level(1, "#eff3ff", INK, "1–24 %", false),
            new Level(25, "#bdd7e7", INK, "25–49 %", false),
            new Level(50, "#6baed6", INK, "50–74 %", false),
            new Level(75, "#2171b5", WHITE, "75–99 %", false),
            new Level(100, "#08306b", WHITE, "all", false));

    public record Column(String label, String full) {
    }

    public record Head(int x, int y, String text, String full) {
    }

    /** A cell: position, colours, the text written in it and its tooltip. */
    public record Cell(int x, int y, String fill, String ink, String text, String title, boolean hatched, boolean applicable) {
        public int textX() {
            return x + CELL_WIDTH / 2;
        }

        public int textY() {
            return y + CELL_HEIGHT / 2 + 4;
        }
    }

    public record Swatch(int x, int y, String fill, String ink, String label, boolean hatched) {
    }

    /**
     * The laid-out heatmap and the grid it shows (for the table next to it).
     *
     * @param title a short title (SVG title), {@code desc} a sentence that summarises it and points to the table
     */
    public record Svg(String id, String title, String desc, int width, int height, List<Head> columns, List<Head> rows, List<Cell> cells,
                      List<Swatch> legend, int legendY, boolean showPercent, List<String> rowLabels, List<Column> columnLabels,
                      int[][] covered, int[][] targets, int headerHeight) {
        public int gridBottom() {
            return headerHeight + rows.size() * CELL_HEIGHT;
        }

        public int gridRight() {
            return LABEL_WIDTH + columns.size() * CELL_WIDTH;
        }
    }

    private CoverageHeatmap() {
    }

    /** The palette level of a share: none, then quarters, then all. */
    public static Level level(int covered, int targets) {
        if (targets <= 0 || covered <= 0) {
            return LEVELS.get(0);
        }
        if (covered >= targets) {
            return LEVELS.get(5);
        }
        int p = (int) Math.floor(100.0 * covered / targets);
        Level chosen = LEVELS.get(1);
        for (Level l : LEVELS.subList(1, 5)) {
            if (p >= l.from()) {
                chosen = l;
            }
        }
        return chosen;
    }

    /**
     * @param covered per row and column, the targets covered
     * @param targets per row and column, the targets (-1: the column does not apply to the row)
     * @param percent write percentages in the cells (else "covered/targets")
     */
    public static Svg build(String id, String title, String desc, List<String> rowLabels, List<Column> columns, int[][] covered,
                            int[][] targets, boolean percent) {
        // rotated labels (-55°) of about 6.5 px per character rise about 5.3 px per character
        int longest = columns.stream().mapToInt(c -> cut(c.label(), 24).length()).max().orElse(0);
        int header = Math.max(40, Math.min(MAX_HEADER_HEIGHT, 20 + (int) Math.ceil(longest * 5.4)));
        List<Head> heads = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            heads.add(new Head(LABEL_WIDTH + c * CELL_WIDTH + CELL_WIDTH / 2, header - 8, cut(columns.get(c).label(), 24),
                    columns.get(c).full()));
        }
        List<Head> rows = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (int r = 0; r < rowLabels.size(); r++) {
            int y = header + r * CELL_HEIGHT;
            rows.add(new Head(LABEL_WIDTH - 8, y + CELL_HEIGHT / 2 + 4, cut(rowLabels.get(r), 32), rowLabels.get(r)));
            for (int c = 0; c < columns.size(); c++) {
                int x = LABEL_WIDTH + c * CELL_WIDTH;
                int t = targets[r][c];
                String where = rowLabels.get(r) + " × " + columns.get(c).full() + ": ";
                if (t < 0) {
                    cells.add(new Cell(x, y, NOT_APPLICABLE_FILL, NOT_APPLICABLE_INK, "–", where + "does not apply", false, false));
                    continue;
                }
                int v = covered[r][c];
                Level l = level(v, t);
                String text = t == 0 ? "–" : percent ? (int) Math.floor(100.0 * v / t) + "%" : v + "/" + t;
                cells.add(new Cell(x, y, l.fill(), l.ink(), text, where + v + " of " + t + " standards covered", l.hatched(), true));
            }
        }
        int width = Math.max(LABEL_WIDTH + columns.size() * CELL_WIDTH + 16, 620);
        int legendY = header + rowLabels.size() * CELL_HEIGHT + 20;
        List<Swatch> legend = new ArrayList<>();
        int x = 8;
        for (Level l : LEVELS) {
            legend.add(new Swatch(x, legendY, l.fill(), l.ink(), l.label(), l.hatched()));
            x += 86;
        }
        legend.add(new Swatch(x, legendY, NOT_APPLICABLE_FILL, NOT_APPLICABLE_INK, "n/a", false));
        return new Svg(id, title, desc, width, legendY + LEGEND_HEIGHT, heads, rows, cells, legend, legendY, percent, List.copyOf(rowLabels),
                List.copyOf(columns), covered, targets, header);
    }

    /**
     * Short column labels: the leading code of each label ("CCSS.Math.Content.7.RP.A Analyze…" → its code) without
     * the dotted segments all codes share, keeping at least the last three ("7.RP.A"); labels without a code are kept.
     */
    public static List<Column> columns(List<String> labels) {
        List<String[]> codes = labels.stream().map(CoverageHeatmap::code).map(c -> c == null ? null : c.split("\\.")).toList();
        int shared = Integer.MAX_VALUE;
        String[] first = null;
        for (String[] c : codes) {
            if (c == null) {
                continue;
            }
            if (first == null) {
                first = c;
                shared = c.length;
            }
            int i = 0;
            while (i < shared && i < c.length && c[i].equals(first[i])) {
                i++;
            }
            shared = i;
        }
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String[] c = codes.get(i);
            if (c == null) {
                out.add(new Column(labels.get(i), labels.get(i)));
            } else {
                int drop = Math.max(0, Math.min(shared, c.length - 3));
                out.add(new Column(String.join(".", java.util.Arrays.copyOfRange(c, drop, c.length)), labels.get(i)));
            }
        }
        return out;
    }

    private static String code(String label) {
        int space = label.indexOf(' ');
        String first = space < 0 ? label : label.substring(0, space);
        return first.matches("[A-Za-z0-9]+(\\.[A-Za-z0-9-]+)+") ? first : null;
    }

    public static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** WCAG 2.1 contrast ratio of two #rrggbb colours. */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
