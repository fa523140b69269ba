package app.tandem.alignment.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a piece of course content does mathematically from its notation and its word-problem phrasing, and
 * says it in the words standards use: "3/4" is about fractions, "2^5" about exponents, "24 * q = 71" about equations
 * with a variable, "how many are left" about subtraction, numbers up to 20 about work "within 20". Content rarely
 * repeats the standards' vocabulary (a worksheet writes 7.5, a standard writes "decimals"), so these cues are what
 * lets a lexical ranker connect the two. Hand-written rules from general mathematics vocabulary: no model, no data.
 */
final class MathVocabulary {

    /** Words to add to the query, their weight, and the reason shown to teachers ("fractions: 3/4"). */
    record Cue(String words, float weight, String reason) {
    }

    private static final Pattern FRACTION = Pattern.compile("(?<![\\d.,/])\\d{1,4}\\s*/\\s*\\d{1,4}(?![\\d.,/])|\\\\d?frac\\b|\\\\frac");
    private static final Pattern FRACTION_WORDS = Pattern.compile(
            "\\b(halves|thirds|fourths|fifths|sixths|eighths|tenths|hundredths|numerators?|denominators?|fractions?|simplified fraction|mixed numbers?)\\b");
    private static final Pattern DECIMAL = Pattern.compile("(?<![\\d$])\\d*\\.\\d+(?!\\.?\\d)");
    private static final Pattern MONEY = Pattern.compile("\\$\\s?\\d|¢|\\b(dollars?|cents|dimes|nickels|pennies)\\b");
    private static final Pattern NEGATIVE = Pattern.compile("(^|[\\s(\\[=+*/×÷,:])[-−]\\s?\\d|\\bnegative\\b|\\bbelow zero\\b");
    private static final Pattern EXPONENT = Pattern.compile("\\d\\s*(\\^|\\*\\*)\\s*\\d|[²³⁴]|\\bsquared\\b|\\bcubed?\\b|\\bpower of\\b|\\bto the power\\b|\\bexponents?\\b");
    private static final Pattern ROOT = Pattern.compile("√|\\\\sqrt|\\bsqrt\\b|\\bsquare roots?\\b|\\bcube roots?\\b");
    private static final Pattern COMPARE = Pattern.compile("(?<![<>=])[<>≤≥](?![<>=])|\\s_\\s|\\b(compare|comparison|greater than|less than|larger|smaller)\\b");
    private static final Pattern VARIABLE = Pattern.compile("\\d\\s*[*×·]?\\s*\\(?[a-z]\\b(?!')|[=+\\-*/(]\\s*[a-z]\\s*[=+\\-*/)]|\\b[a-z]\\s*=|=\\s*[a-z]\\b");
    private static final Pattern EQUALS = Pattern.compile("=");
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d\\s*[x×*·]\\s*10\\s*(\\^|\\*\\*)\\s*-?\\d|\\bscientific notation\\b");
    private static final Pattern PERCENT = Pattern.compile("\\d\\s*%|\\bpercent(age)?\\b");
    private static final Pattern RATIO = Pattern.compile("\\b\\d+\\s*:\\s*\\d+\\b(?!\\s*[ap]\\.?m)|\\bratios?\\b|\\bfor every\\b");
    private static final Pattern COORDINATE = Pattern.compile("\\(\\s*-?\\d+(\\.\\d+)?\\s*,\\s*-?\\d+(\\.\\d+)?\\s*\\)");
    private static final Pattern NESTED = Pattern.compile("\\(\\s*\\(|\\)\\s*\\)|\\[|\\{");
    private static final Pattern PLUS = Pattern.compile("\\d\\s*\\)?\\s*\\+\\s*\\(?\\s*\\d|\\bplus\\b");
    private static final Pattern MINUS = Pattern.compile("\\d\\s*\\)?\\s+[-−]\\s+\\(?\\s*\\d|\\d\\s*\\)?[-−]\\(?\\s*\\d|\\bminus\\b");
    private static final Pattern TIMES = Pattern.compile("\\d\\s*\\)?\\s*[*×·]\\s*\\(?\\s*\\d|\\\\times|\\\\cdot|\\btimes\\b|\\bmultipl|\\bproducts?\\b");
    private static final Pattern DIVIDE = Pattern.compile("÷|\\\\div\\b|\\bdivid|\\bquotient\\b");
    private static final Pattern ADD_WORDS = Pattern.compile(
            "\\b(in total|altogether|all together|combined|sum|added|adds|more|another|gains?|gained|receives?|received|found|bought|join|joined|increase[sd]?)\\b");
    private static final Pattern SUBTRACT_WORDS = Pattern.compile(
            "\\b(left|remain(s|ing)?|fewer|difference|gave away|gives away|lost|loses|ate|eats|sold|sells|spent|spends|took|takes away|taken|escaped?|used|uses|how many more|how much more|decrease[sd]?|not)\\b");
    private static final Pattern EACH_WORDS = Pattern.compile("\\b(each|per|every|groups? of|rows? of|equally|evenly|times as|twice)\\b");
    private static final Pattern SHARE_WORDS = Pattern.compile("\\b(shared?|split|distribut\\w*|equally|evenly|how many (\\w+ ){0,3}(in )?each|per|each (\\w+ ){0,3}get)\\b");
    private static final Pattern QUESTION = Pattern.compile("\\bhow (many|much|long|far)\\b|\\bwhat is the (total|number|result)\\b");
    private static final Pattern LENGTH = Pattern.compile("\\d\\s*(cm|mm|km|m|in|ft|yd)\\b|\\b(centimeters?|millimeters?|meters?|kilometers?|inches|inch|feet|foot|yards?|miles?)\\b");
    private static final Pattern MASS = Pattern.compile("\\d\\s*(kg|g|lb|oz)\\b|\\b(grams?|kilograms?|pounds?|ounces?)\\b");
    private static final Pattern LIQUID = Pattern.compile("\\d\\s*(l|ml)\\b|\\b(liters?|litres?|milliliters?|gallons?|quarts?|pints?|cups?)\\b");
    private static final Pattern TIME = Pattern.compile("\\b\\d{1,2}:\\d\\d\\b|\\b(o'clock|a\\.m\\.|p\\.m\\.|minutes?|hours?|seconds?)\\b");
    private static final Pattern ANGLE = Pattern.compile("°|\\bdegrees?\\b|\\bangles?\\b");
    private static final Pattern INTEGER = Pattern.compile("(?<![\\d.])\\d{1,3}(,\\d{3})+(?![\\d])|(?<![\\d.,])\\d+(?![\\d]|\\.\\d)");

    private MathVocabulary() {
    }

    static List<Cue> cues(String text) {
        List<Cue> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String t = text.toLowerCase(Locale.ROOT);
        String frac = first(FRACTION, t);
        if (frac != null || FRACTION_WORDS.matcher(t).find()) {
            out.add(new Cue("fraction fractions", 2f, "fractions" + (frac == null ? "" : ": " + frac)));
        }
        if (first(MONEY, t) == null) {
            cue(out, DECIMAL, t, "decimal decimals", 2f, "decimals");
        }
        cue(out, MONEY, t, "money dollar cents", 1.5f, "money");
        cue(out, NEGATIVE, t, "negative rational numbers", 2f, "negative numbers");
        if (cue(out, SCIENTIFIC, t, "scientific notation powers of 10", 2f, "scientific notation") == null) {
            cue(out, EXPONENT, t, "exponents powers", 2f, "exponents");
        }
        cue(out, ROOT, t, "square root cube root", 2f, "roots");
        cue(out, PERCENT, t, "percent", 2f, "percent");
        cue(out, RATIO, t, "ratio ratios rate", 1.5f, "ratios");
        cue(out, COORDINATE, t, "coordinate plane points", 1.5f, "coordinates");
        int equations = count(EQUALS, t);
        String variable = first(VARIABLE, t);
        if (variable != null && equations >= 2) {
            out.add(new Cue("pairs simultaneous linear equations two variables", 2f, "two equations: " + variable.strip()));
        } else if (variable != null && equations == 1) {
            out.add(new Cue("equation equations variable solve", 2f, "an equation with a variable: " + variable.strip()));
        } else if (variable != null) {
            out.add(new Cue("expression expressions variable", 1.5f, "an expression with a variable: " + variable.strip()));
        }
        cue(out, COMPARE, t, "compare comparison", 1.5f, "comparing");
        if (NESTED.matcher(t).find() && (PLUS.matcher(t).find() || TIMES.matcher(t).find() || MINUS.matcher(t).find())) {
            out.add(new Cue("parentheses brackets numerical expressions evaluate", 1f, "an expression with parentheses"));
        }
        boolean word = QUESTION.matcher(t).find();
        operations(t, word, out);
        measurement(t, out);
        magnitude(t, out);
        return out;
    }

    private static void operations(String t, boolean wordProblem, List<Cue> out) {
        String plus = first(PLUS, t);
        String minus = first(MINUS, t);
        String times = first(TIMES, t);
        String divide = first(DIVIDE, t);
        String addWord = wordProblem ? first(ADD_WORDS, t) : null;
        String subWord = wordProblem ? first(SUBTRACT_WORDS, t) : null;
        String each = wordProblem ? first(EACH_WORDS, t) : null;
        String share = wordProblem ? first(SHARE_WORDS, t) : null;
        if (plus != null || addWord != null) {
            out.add(new Cue("add addition sum", plus != null ? 1.5f : 1f, "adding: " + (plus != null ? plus : addWord).strip()));
        }
        if (minus != null || subWord != null) {
            out.add(new Cue("subtract subtraction difference", minus != null ? 1.5f : 1f, "subtracting: " + (minus != null ? minus : subWord).strip()));
        }
        if (times != null || each != null && share == null) {
            out.add(new Cue("multiply multiplication product", times != null ? 1.5f : 1f, "multiplying: " + (times != null ? times : each).strip()));
        }
        if (divide != null || share != null) {
            out.add(new Cue("divide division quotient", divide != null ? 1.5f : 1f, "dividing: " + (divide != null ? divide : share).strip()));
        }
        if (wordProblem) {
            out.add(new Cue("word problems", 1f, "a word problem"));
        }
    }

    private static void measurement(String t, List<Cue> out) {
        cue(out, LENGTH, t, "length measure units", 1f, "lengths");
        cue(out, MASS, t, "mass measure", 1f, "masses");
        cue(out, LIQUID, t, "liquid volume measure", 1f, "liquid volumes");
        cue(out, TIME, t, "time intervals minutes", 1f, "time");
        cue(out, ANGLE, t, "angle angles degrees", 1f, "angles");
    }

    /** How big the whole numbers are: "within 20", "two-digit", "multi-digit"; three or more numbers: several steps. */
    private static void magnitude(String t, List<Cue> out) {
        Matcher m = INTEGER.matcher(t);
        long max = -1;
        int n = 0;
        while (m.find()) {
            String digits = m.group().replace(",", "");
            if (digits.length() > 12) {
                continue;
            }
            max = Math.max(max, Long.parseLong(digits));
            n++;
        }
        if (n == 0) {
            return;
        }
        String words;
        if (max <= 5) {
            words = "within 5 10";
        } else if (max <= 10) {
            words = "within 10";
        } else if (max <= 20) {
            words = "within 20";
        } else if (max < 100) {
            words = "within 100 two-digit";
        } else if (max <= 1000) {
            words = "within 1000 three-digit";
        } else if (max < 10_000) {
            words = "multi-digit four digits";
        } else {
            words = "multi-digit";
        }
        out.add(new Cue(words, 1f, "numbers up to " + max));
        if (n >= 3) {
            out.add(new Cue("two-step three", 0.5f, n + " numbers"));
        }
    }

    /** Adds the cue when the pattern occurs, with the first occurrence in the reason; returns it (null: none). */
    private static String cue(List<Cue> out, Pattern p, String t, String words, float weight, String label) {
        String found = first(p, t);
        if (found != null) {
            out.add(new Cue(words, weight, label + ": " + found.strip()));
        }
        return found;
    }

    private static String first(Pattern p, String t) {
        Matcher m = p.matcher(t);
        return m.find() ? m.group() : null;
    }

    private static int count(Pattern p, String t) {
        Matcher m = p.matcher(t);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
