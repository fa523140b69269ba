package app.tandem.coteaching.application;

/**
 * Whether a district allows student names in co-teaching plans (notes on differentiation and accommodations).
 * The district's co-teaching policy implements it; while nothing does, names are not allowed.
 */
public interface StudentNamesPolicy {

    boolean studentNamesAllowed(String districtId);
}
