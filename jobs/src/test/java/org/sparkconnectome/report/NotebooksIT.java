package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.TestData;

/**
 * Executes every notebook of notebooks/ headless against the sample run
 * ({@code jupyter nbconvert --to notebook --execute}, Debian's Python), so they never rot.
 */
class NotebooksIT {
  @RegisterExtension
  static final RequiredTool JUPYTER = ExternalTool.jupyter();

  @TestFactory
  List<DynamicTest> notebooksExecuteAgainstTheSampleRun() throws Exception {
    Path jupyter = ExternalTool.system("jupyter");
    Path folder = TestData.projectRoot().resolve("notebooks");
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(folder)) {
      notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertFalse(notebooks.isEmpty(), "no notebooks in " + folder);
    Path out = SampleRun.out();
    Path executed = Path.of("target", "notebooks").toAbsolutePath();
    Files.createDirectories(executed);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path notebook : notebooks) {
      tests.add(DynamicTest.dynamicTest(notebook.getFileName().toString(),
          () -> execute(jupyter, notebook, out, executed)));
    }
    return tests;
  }

  private static void execute(Path jupyter, Path notebook, Path out, Path executed)
      throws Exception {
    // Debian's python3 first: it has pandas, matplotlib, networkx and nibabel.
    Map<String, String> env = Map.of("CONNECTOME_OUT", out.toString(),
        "PATH", "/usr/bin:/bin:" + System.getenv().getOrDefault("PATH", ""),
        "PYDEVD_DISABLE_FILE_VALIDATION", "1");
    ExternalTool.Result result = ExternalTool.run(List.of(jupyter.toString(), "nbconvert",
        "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
        "--output-dir", executed.toString(), notebook.toString()), notebook.getParent(), env,
        600);
    assertEquals(0, result.exitCode(), notebook + " failed:\n" + result.output());
    JsonNode cells = new ObjectMapper()
        .readTree(executed.resolve(notebook.getFileName()).toFile()).path("cells");
    int ran = 0;
    for (JsonNode cell : cells) {
      if (cell.path("cell_type").asText().equals("code")) {
        assertFalse(cell.path("execution_count").isNull(), notebook + ": a code cell did not run");
        for (JsonNode output : cell.path("outputs")) {
          assertFalse(output.path("output_type").asText().equals("error"),
              notebook + ": " + output.path("ename").asText() + " "
                  + output.path("evalue").asText());
        }
        ran++;
      }
    }
    assertTrue(ran > 0, notebook + " has no code cells");
  }
}
