package org.lavender;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Lavender LIS: one deployable application, cut into modules that follow the lab's own concepts
 * (catalog, patients, orders, specimens, results, audit, staff, ...). See docs/architecture in README.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Lavender LIS")
public class LavenderApplication {

    public static void main(String[] args) {
        SpringApplication.run(LavenderApplication.class, args);
    }
}
