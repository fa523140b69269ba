package app.tandem.coteaching.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of a simple SVG bar chart (the template draws it): a "nice" axis maximum (1, 2 or 5 times a power of
 * ten, at least the largest value, at least 1) with up to five ticks, and one bar per value. Vertical charts put
 * the labels under the bars (weeks); horizontal ones put them left of the bars (models, schools). The chart is an
 * image with a title and a description; the page shows the same numbers in a table.
 */
public record BarChart(String id, String title, String description, boolean horizontal, int width, int height, int axisMax,
                       List<Tick> ticks, List<Bar> bars) {

    /** A bar: its label, value and rectangle, and where its label and value go. */
    public record Bar(String label, int value, double x, double y, double w, double h, double labelX, double labelY,
                      double valueX, double valueY) {
    }

    /** A tick of the value axis: its value and position (x for horizontal charts, y for vertical ones). */
    public record Tick(int value, double at) {
    }

    public record Value(String label, int value) {
    }

    static final int PAD_TOP = 12;
    static final int PAD_BOTTOM = 34;
    static final int PAD_LEFT = 36;
    static final int LABELS = 150;
    static final int PAD_RIGHT = 36;

    /** The smallest 1, 2 or 5 × 10^k that is at least {@code max} (1 for an empty or all-zero chart). */
    public static int niceMax(int max) {
        if (max <= 1) {
            return 1;
        }
        long p = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (m * p >= max) {
                    return (int) (m * p);
                }
            }
            p *= 10;
        }
    }

    /** Tick values from 0 to {@code axisMax}: at most 6 (0 included), evenly spaced, whole numbers. */
    public static List<Integer> tickValues(int axisMax) {
        int step = axisMax;
        for (int parts : new int[] {5, 4, 2}) {
            if (axisMax % parts == 0) {
                step = axisMax / parts;
                break;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int v = 0; v <= axisMax; v += step) {
            out.add(v);
        }
        return out;
    }

    public static BarChart vertical(String id, String title, String description, List<Value> values, int width, int height) {
        int axisMax = niceMax(values.stream().mapToInt(Value::value).max().orElse(0));
        double plotH = height - PAD_TOP - PAD_BOTTOM;
        double plotW = width - PAD_LEFT - 8;
        double slot = values.isEmpty() ? plotW : plotW / values.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            double h = plotH * v.value() / axisMax;
            double x = PAD_LEFT + i * slot + slot * 0.15;
            double y = PAD_TOP + plotH - h;
            bars.add(new Bar(v.label(), v.value(), x, y, slot * 0.7, h, x + slot * 0.35, height - PAD_BOTTOM + 14, x + slot * 0.35, y - 3));
        }
        List<Tick> ticks = tickValues(axisMax).stream().map(t -> new Tick(t, PAD_TOP + plotH - plotH * t / axisMax)).toList();
        return new BarChart(id, title, description, false, width, height, axisMax, ticks, bars);
    }

    public static BarChart horizontal(String id, String title, String description, List<Value> values, int width) {
        int row = 26;
        int height = PAD_TOP + Math.max(1, values.size()) * row + 24;
        int axisMax = niceMax(values.stream().mapToInt(Value::value).max().orElse(0));
        double plotW = width - LABELS - PAD_RIGHT;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            double w = plotW * v.value() / axisMax;
            double y = PAD_TOP + i * row + 4;
            bars.add(new Bar(v.label(), v.value(), LABELS, y, w, row - 8, LABELS - 6, y + row / 2.0, LABELS + w + 4, y + row / 2.0));
        }
        List<Tick> ticks = tickValues(axisMax).stream().map(t -> new Tick(t, LABELS + plotW * t / axisMax)).toList();
        return new BarChart(id, title, description, true, width, height, axisMax, ticks, bars);
    }

    /** The bottom of the plot area (vertical charts: where bars start; horizontal: where tick labels go). */
    public double baseline() {
        return horizontal ? height - 20 : height - PAD_BOTTOM;
    }

    public int left() {
        return horizontal ? LABELS : PAD_LEFT;
    }

    public int top() {
        return PAD_TOP;
    }

    public int right() {
        return horizontal ? width - PAD_RIGHT : width - 8;
    }

    /** A number for SVG attributes: one decimal, '.' as the separator whatever the locale. */
    public static String n(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
