package app.tandem.coteaching.web;

import app.tandem.common.Templates;
import app.tandem.coteaching.application.PlanPrints;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Plans as PDF: the print template rendered by openhtmltopdf (PDFBox). No font is bundled: the CSS names the
 * PDF standard fonts (Helvetica), which every PDF reader has; characters they cannot show (outside Windows-1252)
 * print as '#'. Nothing outside the document is fetched: links print as text, and any image, stylesheet or font
 * URL is refused, so a plan cannot make the server request other hosts.
 */
final class PlanPdf {
    private PlanPdf() {
    }

    /** The print page as XHTML with the print stylesheet inlined. */
    static String xhtml(PlanPrints.Printable p, String css) {
        Map<String, Object> m = new HashMap<>();
        m.put("p", p);
        m.put("css", css);
        return Templates.render("coteaching/planPrintPage.jte", m);
    }

    static byte[] render(String xhtml) {
        PdfRuntime.init();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.withProducer("Tandem");
            b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            b.withHtmlContent(xhtml, null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A download name that every browser and file system accepts: ASCII letters, digits, '-', then the date. */
    static String fileName(String title, String date) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "plan" : slug) + (date == null || date.isEmpty() ? "" : "-" + date) + ".pdf";
    }
}
