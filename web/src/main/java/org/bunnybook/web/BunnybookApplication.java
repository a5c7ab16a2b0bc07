package org.bunnybook.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Both sides and the web run in one application; {@code scanBasePackages} brings in the other modules. */
@SpringBootApplication(scanBasePackages = "org.bunnybook")
public class BunnybookApplication {

    public static void main(String[] args) {
        // Axon's update checker calls home; there is no network for it and it would warn forever.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(BunnybookApplication.class, args);
    }
}
