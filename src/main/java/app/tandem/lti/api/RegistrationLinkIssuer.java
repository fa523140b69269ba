package app.tandem.lti.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Registration links for LTI Dynamic Registration, as a district's coordinators manage them in Tandem: a link
 * connects one LMS to the district; its URL (which holds the token) is shown only when the link is created.
 */
public interface RegistrationLinkIssuer {

    /**
     * A link as shown to its district.
     *
     * @param url the URL to paste into the LMS; only on the link just created, otherwise null
     */
    record IssuedLink(String id, String label, String tokenPrefix, String status, int uses, int maxUses,
                      OffsetDateTime expiresAt, String url) {
    }

    /** A new link into the district, with the default validity (24 hours) and uses (1). */
    IssuedLink issue(String districtId, String label);

    /** The district's links, newest first. */
    List<IssuedLink> forDistrict(String districtId);

    /** Revokes one of the district's links; false when the district has no such link. */
    boolean revoke(String districtId, String linkId);
}
