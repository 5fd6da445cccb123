package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sparkconnectome.testing.RequiredTool;

/**
 * Opens the sample run's report in headless Chromium (node + playwright-core, see
 * src/main/frontend/browser-test.mjs): no console errors, no broken images, no network, a NiiVue
 * view that drew, and every subject page the table of runs links opens with the linked section;
 * saves target/report-screenshot.png, target/report-screenshot-niivue.png and
 * target/report-screenshot-subject.png.
 */
class ReportBrowserIT {
  @RegisterExtension
  static final RequiredTool CHROMIUM = ExternalTool.chromium();

  @Test
  void reportOpensCleanlyInChromium() throws Exception {
    Path chromium = ExternalTool.system("chromium");
    Path node = ExternalTool.system("node");
    Path frontend = Path.of("src", "main", "frontend").toAbsolutePath();
    assertTrue(Files.isDirectory(frontend.resolve("node_modules").resolve("playwright-core")),
        "playwright-core is not installed: the build's 'npm ci' (exec-maven-plugin) did not run");

    Path report = SampleRun.out().resolve("report").resolve("index.html");
    assertTrue(Files.isRegularFile(report), "connectome run wrote no " + report);
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertFalse(html.matches("(?s).*(src|href)=\"https?://.*"),
        "the report links to the network; it must be self-contained");

    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    ExternalTool.Result result = ExternalTool.run(List.of(node.toString(), "browser-test.mjs",
        report.toString(), screenshot.toString(), chromium.toString()), frontend, Map.of(), 180);
    assertEquals(0, result.exitCode(), "browser test failed:\n" + result.output());
    assertTrue(Files.size(screenshot) > 10_000, "screenshot is nearly empty: " + screenshot);
    assertTrue(result.output().contains("\"subjectPages\":4"), "the sample's four subjects' "
        + "pages opened:\n" + result.output());
  }
}
