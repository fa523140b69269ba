package app.tandem.standards.application;

import java.util.Locale;
import java.util.Optional;

/**
 * Notices that well-known standards require wherever their text is displayed, used when a file carries no
 * licence text of its own. A coordinator can always replace a framework's notice.
 */
public final class LicenceNotices {
    public record Notice(String title, String text) {
    }

    public static final Notice CCSS = new Notice("Common Core State Standards public license",
            "© Copyright 2010. National Governors Association Center for Best Practices and Council of Chief State School "
                    + "Officers. All rights reserved. Used under the NGA Center/CCSSO public license.");

    public static final Notice NGSS = new Notice("Next Generation Science Standards public license",
            "NGSS Lead States. 2013. Next Generation Science Standards: For States, By States. Washington, DC: The National "
                    + "Academies Press. NGSS is a registered trademark of WestEd; neither WestEd nor the lead states and partners "
                    + "that developed the NGSS were involved in the production of this product, and do not endorse it.");

    private LicenceNotices() {
    }

    public static Optional<Notice> forFramework(String title, String creator, String publisher) {
        String all = (nz(title) + " " + nz(creator) + " " + nz(publisher)).toLowerCase(Locale.ROOT);
        if (all.contains("common core") || all.contains("national governors association") || all.contains("ccss")) {
            return Optional.of(CCSS);
        }
        if (all.contains("next generation science") || all.contains("ngss")) {
            return Optional.of(NGSS);
        }
        return Optional.empty();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
