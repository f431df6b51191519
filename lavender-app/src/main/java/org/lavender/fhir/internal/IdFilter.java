package org.lavender.fhir.internal;

/**
 * What a reference search parameter says about one id: no constraint, exactly this id, or nothing can match
 * (a reference to another resource type, an id Lavender never issued). Two parameters on the same id combine
 * with {@link #and}.
 */
record IdFilter(Long id, boolean matchesNothing) {

    static final IdFilter ANY = new IdFilter(null, false);
    static final IdFilter NONE = new IdFilter(null, true);

    static IdFilter of(long id) {
        return new IdFilter(id, false);
    }

    IdFilter and(IdFilter other) {
        if (matchesNothing || other.matchesNothing) {
            return NONE;
        }
        if (id == null) {
            return other;
        }
        if (other.id == null || id.equals(other.id)) {
            return this;
        }
        return NONE;
    }
}
