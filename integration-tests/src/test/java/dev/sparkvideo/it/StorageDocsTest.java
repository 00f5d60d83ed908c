package dev.sparkvideo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The S3A coordinates docs/storage.md gives users are the ones these tests read S3 with: each is on this module's
 * test classpath at the documented version, and the AWS SDK bundle they replace is not.
 */
class StorageDocsTest {
  private static final Pattern COORDINATE = Pattern.compile("^\\| `([\\w.-]+):([\\w.-]+):([\\w.-]+)` \\|");

  @Test
  void theDocumentedS3aPackagesAreTheTestedOnes() throws IOException {
    List<String[]> documented = new ArrayList<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(Path.of("..", "docs", "storage.md"))) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## S3A");
      }
      Matcher m = COORDINATE.matcher(line);
      if (inSection && m.find()) {
        documented.add(new String[] {m.group(1), m.group(2), m.group(3)});
      }
    }
    assertEquals(3, documented.size(), "docs/storage.md's S3A table should list hadoop-aws and two SDK modules");
    List<String> classpath = List.of(testClasspath().split(File.pathSeparator));
    for (String[] c : documented) {
      String jar = File.separator + c[1] + "-" + c[2] + ".jar";
      String group = File.separator + c[0].replace('.', File.separatorChar) + File.separator;
      assertTrue(classpath.stream().anyMatch(p -> p.endsWith(jar) && p.contains(group)),
          String.join(":", c) + " is documented but not what the tests read S3 with");
    }
    assertFalse(classpath.stream().anyMatch(p -> p.contains(File.separator + "bundle-") && p.contains("awssdk")),
        "the AWS SDK bundle is on the test classpath although docs/storage.md says to exclude it");
  }

  private static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
  }
}
