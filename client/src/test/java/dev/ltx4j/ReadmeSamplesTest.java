package dev.ltx4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java sample in the README compiles against the current API. */
class ReadmeSamplesTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final String IMPORTS = "import dev.ltx4j.*; import dev.ltx4j.model.*; import java.nio.file.*;"
      + " import java.time.*; import java.util.*;\n";

  @Test
  void everyJavaSampleInTheReadmeCompiles(@TempDir Path out) throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("ltx4j.readme", "../README.md")));
    List<JavaFileObject> sources = new ArrayList<>();
    Matcher blocks = JAVA_BLOCK.matcher(readme);
    while (blocks.find()) {
      sources.add(source("Sample" + sources.size(), blocks.group(1)));
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled = compiler.getTask(null, null, diagnostics,
        List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path")), null, sources).call();

    assertThat(sources).as("Java samples in the README").hasSizeGreaterThanOrEqualTo(3);
    assertThat(compiled).as(diagnostics.getDiagnostics().toString()).isTrue();
  }

  /** Wraps a sample in a method, declaring the names it uses without declaring them itself. */
  private static JavaFileObject source(String name, String sample) {
    StringBuilder prelude = new StringBuilder();
    if (!sample.contains("LtxClient client")) {
      prelude.append("LtxClient client = LtxClient.builder().apiKey(\"k\").apiSecret(\"s\").build();\n");
    }
    if (!sample.contains("LtxRequest request")) {
      prelude.append("LtxRequest request = LtxRequest.of(\"p\");\n");
    }
    if (sample.contains("jobId =") && !sample.contains("String jobId")) {
      prelude.append("String jobId;\n");
    }
    String code = IMPORTS + "class " + name + " { static void sample() throws Exception {\n" + prelude + sample + "\n} }";
    return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }
}
