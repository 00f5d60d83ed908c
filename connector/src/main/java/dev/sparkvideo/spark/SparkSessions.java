package dev.sparkvideo.spark;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.jdk.javaapi.CollectionConverters;

/** What the connector takes from the active Spark session: defaults for options and the Hadoop configuration. */
final class SparkSessions {
  static final String MAX_PARTITION_BYTES = "spark.sql.files.maxPartitionBytes";
  static final String IGNORE_CORRUPT_FILES = "spark.sql.files.ignoreCorruptFiles";
  static final String IGNORE_MISSING_FILES = "spark.sql.files.ignoreMissingFiles";
  static final String TIME_ZONE = "spark.sql.session.timeZone";

  private SparkSessions() {}

  static VideoReadOptions readOptions(CaseInsensitiveStringMap options) {
    SparkSession spark = SparkSession.active();
    VideoReadOptions.SessionDefaults defaults = new VideoReadOptions.SessionDefaults(
        bytes(spark.conf().get(MAX_PARTITION_BYTES, "128m")),
        Boolean.parseBoolean(spark.conf().get(IGNORE_CORRUPT_FILES, "false")),
        Boolean.parseBoolean(spark.conf().get(IGNORE_MISSING_FILES, "false")),
        spark.conf().get(TIME_ZONE, java.util.TimeZone.getDefault().getID()));
    return VideoReadOptions.parse(options, defaults);
  }

  /**
   * The session's Hadoop configuration for one read: the SparkContext's, then the session's own non-Spark settings
   * (as Spark's file sources do), then the read's Hadoop options.
   */
  static Configuration hadoopConfiguration(VideoReadOptions options) {
    SparkSession spark = SparkSession.active();
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    Map<String, String> session = CollectionConverters.asJava(spark.conf().getAll());
    session.forEach((k, v) -> {
      if (!k.startsWith("spark.")) {
        conf.set(k, v);
      }
    });
    options.hadoopOptions().forEach(conf::set);
    return conf;
  }

  /** Parses a Spark byte size such as {@code 134217728}, {@code 128m} or {@code 1g}. */
  static long bytes(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    int end = v.length();
    if (v.endsWith("b") && v.length() > 1 && !Character.isDigit(v.charAt(v.length() - 2))) {
      end--;
    }
    char last = v.charAt(end - 1);
    switch (last) {
      case 'k':
        unit = 1L << 10;
        end--;
        break;
      case 'm':
        unit = 1L << 20;
        end--;
        break;
      case 'g':
        unit = 1L << 30;
        end--;
        break;
      case 't':
        unit = 1L << 40;
        end--;
        break;
      case 'b':
        end--;
        break;
      default:
        break;
    }
    return Long.parseLong(v.substring(0, end).trim()) * unit;
  }
}
