package dev.sparkvideo.examples;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.spark.sql.SparkSession;

/**
 * A documentation page's Java block, compiled with the JDK's compiler against the test classpath and run on a
 * session. The block is the body of a method with {@code spark} in scope and the imports a reader of the docs
 * assumes (Spark SQL and its functions, the connector's core API, Hadoop's Path and Configuration). Its result is
 * the row count of each {@code Dataset<Row>} it declares.
 */
final class JavaSnippet {
  private static final Pattern DATASET = Pattern.compile("^Dataset<Row>\\s+(\\w+)\\s*=", Pattern.MULTILINE);
  private static final String IMPORTS = String.join("\n",
      "import static org.apache.spark.sql.functions.*;",
      "import org.apache.spark.sql.*;",
      "import dev.sparkvideo.ffmpeg.*;",
      "import dev.sparkvideo.io.*;",
      "import org.apache.hadoop.conf.Configuration;",
      "import org.apache.hadoop.fs.Path;");

  private final String className;
  private final String source;
  private final List<String> datasets = new ArrayList<>();

  JavaSnippet(String className, String body) {
    this.className = className;
    Matcher declared = DATASET.matcher(body);
    while (declared.find()) {
      datasets.add(declared.group(1));
    }
    StringBuilder counts = new StringBuilder();
    for (String name : datasets) {
      counts.append("    counts.put(\"").append(name).append("\", ").append(name).append(".count());\n");
    }
    this.source = IMPORTS + "\n\npublic final class " + className + " {\n"
        + "  public static java.util.Map<String, Long> run(SparkSession spark) throws Exception {\n"
        + "    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();\n"
        + body.indent(4) + counts + "    return counts;\n  }\n}\n";
  }

  /** The names of the datasets the block declares, in order. */
  List<String> datasets() {
    return datasets;
  }

  /** Compiles the block in {@code dir} and runs it; the row count of each declared dataset, by name. */
  @SuppressWarnings("unchecked")
  Map<String, Long> run(SparkSession spark, Path dir) throws Exception {
    Path file = dir.resolve(className + ".java");
    Files.createDirectories(dir);
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    boolean compiled = javac.getTask(messages, null, null,
        List.of("-classpath", testClasspath(), "-d", dir.toString(), "-proc:none"), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
    if (!compiled) {
      throw new AssertionError("does not compile:\n" + messages + "\n" + source);
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Object counts = loader.loadClass(className).getMethod("run", SparkSession.class).invoke(null, spark);
      return new LinkedHashMap<>((Map<String, Long>) counts);
    }
  }

  private static String testClasspath() throws IOException {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
  }
}
