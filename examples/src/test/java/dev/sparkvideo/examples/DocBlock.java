package dev.sparkvideo.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fenced code block of a Markdown page. A {@code java} block's twin is the {@code python} block that follows it
 * before any other code block; both carry the same {@link #key()} ({@code page#n}, n counting the page's Java
 * blocks from 1), under which their results are compared.
 */
record DocBlock(String page, String language, int line, String code, String key) {
  private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

  /** The code blocks of {@code file}, named by {@code page} (its path from the project root). */
  static List<DocBlock> read(Path file, String page) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DocBlock> blocks = new ArrayList<>();
    int javaBlocks = 0;
    String previousLanguage = "";
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int start = i + 1;
      StringBuilder code = new StringBuilder();
      for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      String language = open.group(1);
      String key = "";
      if (language.equals("java")) {
        key = page + "#" + ++javaBlocks;
      } else if (language.equals("python") && previousLanguage.equals("java")) {
        key = page + "#" + javaBlocks;
      }
      blocks.add(new DocBlock(page, language, start, code.toString(), key));
      previousLanguage = language;
    }
    return blocks;
  }

  /** Where the block is, for messages: {@code page:line}. */
  String where() {
    return page + ":" + line;
  }
}
