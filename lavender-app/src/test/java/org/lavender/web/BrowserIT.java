package org.lavender.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.LavenderIT;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Order;
import org.lavender.orders.Orders;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A technologist at the bench, in a real browser (Debian's headless Chromium): signs in, scans a tube in, types
 * results with the keyboard only and sees the flags, then a verifier releases them. Screenshots of each page go
 * to target/screenshots. Skipped, with a message, where Chromium is not installed (.ci/run installs it).
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;
    @Autowired Patients patients;
    @Autowired Orders orders;
    @Autowired Specimens specimens;

    private WebDriver browser;
    private final Path shots = Path.of("target", "screenshots");

    @BeforeAll
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver): "
                        + "browser tests skipped");
        var options = new ChromeOptions().setBinary(CHROMIUM.toString()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,900");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(shots);
        for (String user : List.of("browser-tech", "browser-verifier")) {
            if (!staff.exists(user)) {
                staff.create(user, user, "secret-" + user, user.endsWith("tech") ? EnumSet.of(Role.TECHNICIAN)
                        : EnumSet.of(Role.VERIFIER, Role.TECHNICIAN));
            }
        }
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void scanEnterAndVerifyWithTheKeyboard() throws IOException {
        String accession = orderedChemistryTube();

        signIn("browser-tech");
        screenshot("home");

        // Scan the tube in: a barcode scanner types the accession and Enter.
        browser.get(url("/specimens/receive"));
        // The scan field has the focus as soon as the page is ready (autofocus): a scanner needs no click.
        WebElement scan = waitFor().until(d -> {
            WebElement active = d.switchTo().activeElement();
            return "accession".equals(active.getAttribute("name")) ? active : null;
        });
        scan.sendKeys(accession, Keys.ENTER);
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), accession));
        screenshot("receive");

        // The worklist opens with the cursor in the first result; Enter saves and moves on.
        String[] values = {"5.0", "14", "1.0", "140", "6.9", "101", "24", "9.4"};
        waitFor().until(d -> {
            d.get(url("/results/worklist?section=CHEM"));
            return !d.findElements(By.cssSelector("input.result-input")).isEmpty();
        });
        for (String value : values) {
            WebElement input = browser.switchTo().activeElement();
            assertThat(input.getAttribute("class")).contains("result-input");
            String cell = input.findElement(By.xpath("ancestor::td")).getAttribute("id");
            input.sendKeys(value, Keys.ENTER);
            waitFor().until(d -> d.findElement(By.id(cell)).findElements(By.cssSelector(".status-preliminary")).size() == 1);
        }
        assertThat(browser.findElements(By.cssSelector(".flag-HH"))).hasSize(1);
        screenshot("worklist");

        // A refused value shows why, next to the input, and keeps the focus there.
        WebElement first = browser.findElement(By.cssSelector("input.result-input"));
        first.clear();
        first.sendKeys("4,7", Keys.ENTER);
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("worklist"), "decimal point"));
        first = browser.findElement(By.cssSelector("input.result-input"));
        first.clear();
        first.sendKeys("5.0", Keys.ENTER);

        signIn("browser-verifier");
        browser.get(url("/results/verification?section=CHEM"));
        screenshot("verification");
        browser.findElements(By.name("id")).forEach(WebElement::click);
        browser.findElement(By.cssSelector("button[type=submit][accesskey=v]")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "verified"));

        long patientId = specimens.byAccession(accession).orElseThrow().patientId();
        browser.get(url("/results/patient/" + patientId));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("6.9");
        screenshot("patient-results");

        browser.get(url("/specimens/" + accession));
        screenshot("accession");
        browser.get(url("/catalog"));
        screenshot("catalog");
        browser.get(url("/patients"));
        screenshot("patients");
    }

    private String orderedChemistryTube() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "browser-tech", null, List.of(new SimpleGrantedAuthority(Role.TECHNICIAN.authority()))));
        try {
            Patient p = patients.register(new NewPatient(null, "Browser", "Beatrice", LocalDate.of(1979, 5, 2),
                    Sex.FEMALE, null, List.of()));
            Order order = orders.place(new NewOrder(p.id(), List.of("BMP"), Priority.STAT, "Dr. Keyboard", null, null,
                    "UI"));
            Specimen tube = specimens.forOrder(order.id()).get(0);
            specimens.collect(tube.accession(), "browser-tech", java.time.Instant.now());
            return tube.accession();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("secret-" + user, Keys.ENTER);
        waitFor().until(ExpectedConditions.urlToBe(url("/")));
    }

    /** htmx swaps cells while we look at them: a stale element just means "look again". */
    private org.openqa.selenium.support.ui.FluentWait<WebDriver> waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(shots.resolve(name + ".png"), png);
    }
}
