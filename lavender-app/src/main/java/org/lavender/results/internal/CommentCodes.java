package org.lavender.results.internal;

import java.util.List;
import java.util.Locale;
import org.lavender.shared.InvalidInputException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Result comments from the lab's coded list ("[HEMO] Specimen hemolyzed: …"), so the same situation is always said
 * the same way and can be counted; free text may follow the coded text or stand alone.
 */
@Component
class CommentCodes {

    private final VerificationRepository repository;

    CommentCodes(VerificationRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    List<VerificationRepository.CommentCode> list() {
        return repository.activeComments();
    }

    /** The comment to store: the coded text (if a code was picked) followed by the free text; null if neither. */
    @Transactional(readOnly = true)
    String compose(String code, String freeText) {
        String free = freeText == null || freeText.isBlank() ? null : freeText.strip();
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (c.isEmpty()) {
            return free;
        }
        if (!c.matches("[A-Z0-9]{2,12}")) {
            throw new InvalidInputException("commentCode", "Pick a comment from the list");
        }
        VerificationRepository.CommentCode coded = repository.comment(c)
                .orElseThrow(() -> new InvalidInputException("commentCode", "Unknown comment code '" + c + "'"));
        return "[" + coded.code() + "] " + coded.text() + (free == null ? "" : " " + free);
    }
}
