package app.tandem.coteaching.web;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * Process-wide set-up of the PDF libraries, once: PDFBox never scans the server's system fonts (by default its
 * first use of a standard font walks every font directory and writes a cache file to the user's home): PDFs name
 * the standard fonts only, so any glyph outline PDFBox asks for comes from the font inside the PDFBox jar.
 * openhtmltopdf logs warnings and errors (through java.util.logging, into messages.log), not its per-render INFO.
 */
final class PdfRuntime {
    private static final Logger LOG = Logger.getLogger("com.openhtmltopdf");
    private static volatile boolean ready;

    private PdfRuntime() {
    }

    static void init() {
        if (ready) {
            return;
        }
        synchronized (PdfRuntime.class) {
            if (!ready) {
                FontMappers.set(new BundledFontOnly());
                XRLog.setLoggerImpl(new WarningsOnly());
                ready = true;
            }
        }
    }

    /**
     * Every font request answered with PDFBox's bundled Liberation Sans (no system font lookup). Its outlines are
     * only used to draw pages as images, which Tandem never does; the PDFs reference the standard fonts by name.
     * Marked as not a fallback so PDFBox does not warn on every standard font of every PDF.
     */
    static final class BundledFontOnly implements FontMapper {
        private volatile TrueTypeFont font;

        private TrueTypeFont font() {
            TrueTypeFont f = font;
            if (f == null) {
                synchronized (this) {
                    if (font == null) {
                        try (InputStream in = FontMapper.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                            if (in == null) {
                                throw new IllegalStateException("PDFBox's bundled font is missing");
                            }
                            font = new TTFParser().parse(new RandomAccessReadBuffer(in));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    f = font;
                }
            }
            return f;
        }

        @Override
        public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
            return new FontMapping<>(font(), false);
        }

        @Override
        public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
            return new FontMapping<>(font(), false);
        }

        @Override
        public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo cidSystemInfo) {
            return new CIDFontMapping(null, font(), false);
        }
    }

    static final class WarningsOnly implements XRLogger {
        private static boolean shown(Level level) {
            return level.intValue() >= Level.WARNING.intValue();
        }

        @Override
        public void log(String where, Level level, String msg) {
            if (shown(level)) {
                LOG.log(level, where + ": " + msg);
            }
        }

        @Override
        public void log(String where, Level level, String msg, Throwable th) {
            if (shown(level)) {
                LOG.log(level, where + ": " + msg, th);
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
            // fixed: warnings and errors
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return shown(diagnostic.getLevel());
        }
    }
}
