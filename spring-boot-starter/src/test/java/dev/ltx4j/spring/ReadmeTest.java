package dev.ltx4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's starter section: its property table is the configuration metadata's, and its samples compile. */
class ReadmeTest {
  private static final Pattern TABLE = Pattern.compile(
      "<!-- ltx4j-properties: generated from the starter's configuration metadata -->\\n(.*?)\\n<!-- /ltx4j-properties -->",
      Pattern.DOTALL);
  private static final Pattern SPRING_BLOCK = Pattern.compile("```java spring\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS_NAME = Pattern.compile("class (\\w+)");

  @Test
  void thePropertyTableIsTheConfigurationMetadata() throws IOException {
    String expected = table();
    Files.writeString(Path.of("target", "ltx4j-properties.md"), expected); // to paste when a property changes

    Matcher table = TABLE.matcher(readme());
    assertThat(table.find()).as("the README's property table markers").isTrue();
    assertThat(table.group(1)).isEqualTo(expected);
  }

  @Test
  void everySpringSampleInTheReadmeCompiles(@TempDir Path out) throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    Matcher blocks = SPRING_BLOCK.matcher(readme());
    while (blocks.find()) {
      String code = blocks.group(1);
      Matcher name = CLASS_NAME.matcher(code);
      assertThat(name.find()).as("a class in " + code).isTrue();
      sources.add(new SimpleJavaFileObject(URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return code;
        }
      });
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled = compiler.getTask(null, null, diagnostics,
        List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path")), null, sources).call();

    assertThat(sources).as("Spring, Micrometer and OpenTelemetry samples in the README").hasSizeGreaterThanOrEqualTo(3);
    assertThat(compiled).as(diagnostics.getDiagnostics().toString()).isTrue();
  }

  /** The table the metadata makes: every property, by name, with its default and description. */
  static String table() throws IOException {
    List<Map<String, Object>> properties;
    try (InputStream in = ReadmeTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      properties = new ArrayList<>(JsonPath.read(in, "$.properties[*]"));
    }
    properties.sort(Comparator.comparing(p -> (String) p.get("name")));
    StringBuilder table = new StringBuilder("| property | default | description |\n|---|---|---|");
    for (Map<String, Object> property : properties) {
      Object value = property.get("defaultValue");
      table.append("\n| `").append(property.get("name")).append("` | ")
          .append(value == null ? "" : "`" + value + "`").append(" | ")
          .append(String.valueOf(property.get("description")).replace("|", "\\|")).append(" |");
    }
    return table.toString();
  }

  private static String readme() throws IOException {
    return Files.readString(Path.of(System.getProperty("ltx4j.readme", "../README.md")));
  }
}
