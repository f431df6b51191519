package org.lavender.staff.internal;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On first start there is nobody to sign in; create {@code admin} with {@code LAVENDER_ADMIN_PASSWORD}, or with
 * a random password printed once to the console (it is never stored in clear text).
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final StaffDirectory staff;
    private final String configuredPassword;

    FirstAdmin(StaffDirectory staff, @Value("${LAVENDER_ADMIN_PASSWORD:}") String configuredPassword) {
        this.staff = staff;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (staff.exists("admin")) {
            return;
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        staff.create("admin", "Administrator", password, EnumSet.of(Role.ADMIN, Role.VERIFIER, Role.TECHNICIAN));
        if (generated) {
            log.warn("\n\n  First start: created user 'admin' with password  {}\n"
                    + "  It is shown only this once. Set LAVENDER_ADMIN_PASSWORD to choose it.\n", password);
        } else {
            log.info("First start: created user 'admin' with the password from LAVENDER_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
