package app.tandem.lti.api;

import java.util.Optional;

/** Implemented by the district feature: lets {@code lti} check the district a deployment is mapped to. */
public interface TenantDirectory {

    /** The district's display name, or empty when no district has this id. */
    Optional<String> districtName(String districtId);
}
