package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.network.util.JavaUtils;

/**
 * Reads typed values out of the raw options of a read, case-insensitively, and sorts every key into one of: an option
 * of this source, a generic file option of Spark (handled by Spark's file index and file source options), a key Spark
 * or its catalog adds itself, a Hadoop setting (a key with a dot), or unknown, which fails naming every known option.
 */
final class OptionReader {
  private final Map<String, String> values = new LinkedHashMap<>();

  /**
   * @param ours this source's option keys
   * @param spark the generic file option keys Spark's own machinery reads
   * @param passedBySpark keys Spark or a catalog adds to every read (paths, table properties), ignored here
   * @throws IllegalArgumentException listing the known options when a key is unknown
   */
  OptionReader(Map<String, String> options, List<String> ours, List<String> spark, Set<String> passedBySpark) {
    TreeSet<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    known.addAll(ours);
    TreeSet<String> generic = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    generic.addAll(spark);
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey();
      if (known.contains(key) || generic.contains(key)) {
        values.put(key.toLowerCase(Locale.ROOT), e.getValue());
      } else if (passedBySpark.contains(key.toLowerCase(Locale.ROOT)) || key.startsWith("__")) {
        continue;
      } else if (!key.contains(".")) {   // keys with a dot are Hadoop settings: Spark adds them to the read's conf
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Unknown option" + (unknown.size() > 1 ? "s " : " ") + unknown
          + " for format \"video\". Known options: " + String.join(", ", ours) + "; Spark's generic file options: "
          + String.join(", ", spark) + ". Hadoop settings (keys with a dot, such as fs.s3a.endpoint) are passed to"
          + " the FileSystem.");
    }
  }

  String string(String key, String fallback) {
    String v = values.get(key.toLowerCase(Locale.ROOT));
    return v == null ? fallback : v.trim();
  }

  IllegalArgumentException bad(String key, String value, String expected) {
    return new IllegalArgumentException("Invalid value '" + value + "' for option " + key + ": expected " + expected);
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw bad(key, v, "one of " + String.join(", ", allowed));
  }

  boolean bool(String key, boolean fallback) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw bad(key, v, "true or false");
  }

  Integer integer(String key, Integer fallback, int min, int max) {
    Long v = longValue(key, fallback == null ? null : fallback.longValue(), min, max);
    return v == null ? null : v.intValue();
  }

  Long longValue(String key, Long fallback, long min, long max) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw bad(key, v, "an integer from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(key, v, "an integer from " + min + " to " + max);
    }
  }

  /**
   * A size in bytes, as a plain number or in Spark's notation for sizes ({@code 128m}, {@code 1g}, {@code 64k}: the
   * one {@code spark.sql.files.maxPartitionBytes} takes), from {@code min} to {@code max}.
   */
  Long bytes(String key, Long fallback, long min, long max) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    String expected = "a size in bytes from " + min + " to " + max + ", such as 134217728 or 128m";
    long n;
    try {
      n = JavaUtils.byteStringAsBytes(v);
    } catch (NumberFormatException | ArithmeticException e) {
      throw bad(key, v, expected);
    }
    if (n < min || n > max) {
      throw bad(key, v, expected);
    }
    return n;
  }

  Double finite(String key) {
    String v = string(key, null);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw bad(key, v, "a finite number of seconds");
      }
      return d;
    } catch (NumberFormatException e) {
      throw bad(key, v, "a finite number of seconds");
    }
  }
}
