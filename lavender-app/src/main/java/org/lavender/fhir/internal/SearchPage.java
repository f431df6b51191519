package org.lavender.fhir.internal;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;

/**
 * A searchset page with keyset paging: the {@code next} link carries the cursor of the last row ({@code _cursor}),
 * so page 500 costs what page 1 costs and rows inserted meanwhile never shift a page. {@code total} is given when
 * the first page holds every match; on longer searches it is left out, since counting every match would cost a
 * second query per page.
 */
final class SearchPage {

    static final String CURSOR = "_cursor";
    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    /** Marks a request whose answer is a keyset page of unknown total (see {@link KeysetBundleInterceptor}). */
    static final String TOTAL_UNKNOWN = SearchPage.class.getName() + ".totalUnknown";

    private SearchPage() {
    }

    static int size(Integer count) {
        if (count == null) {
            return DEFAULT_SIZE;
        }
        return Math.max(1, Math.min(MAX_SIZE, count));
    }

    static Bundle of(RequestDetails request, List<? extends Resource> resources, String nextCursor) {
        var bundle = new Bundle();
        boolean firstPage = !request.getParameters().containsKey(CURSOR);
        if (firstPage && nextCursor == null) {
            bundle.setTotal(resources.size());
        } else {
            request.getUserData().put(TOTAL_UNKNOWN, Boolean.TRUE);
        }
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().setLastUpdated(new Date());
        bundle.setType(BundleType.SEARCHSET);
        String base = request.getFhirServerBase();
        bundle.addLink().setRelation("self").setUrl(request.getCompleteUrl());
        if (nextCursor != null) {
            bundle.addLink().setRelation("next").setUrl(nextLink(request, nextCursor));
        }
        for (Resource resource : resources) {
            bundle.addEntry()
                    .setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource)
                    .getSearch().setMode(SearchEntryMode.MATCH);
        }
        return bundle;
    }

    static Bundle empty(RequestDetails request) {
        return of(request, List.of(), null);
    }

    private static String nextLink(RequestDetails request, String cursor) {
        var url = new StringBuilder(request.getFhirServerBase()).append('/').append(request.getResourceName())
                .append('?');
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            if (CURSOR.equals(parameter.getKey())) {
                continue;
            }
            for (String value : parameter.getValue()) {
                url.append(encode(parameter.getKey())).append('=').append(encode(value)).append('&');
            }
        }
        return url.append(CURSOR).append('=').append(encode(cursor)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
