/**
 * Shared kernel: the few value types every lab module speaks (sex, priority, interpretation flags) and the
 * error types that become clear 400/404/409/422 answers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.lavender.shared;
