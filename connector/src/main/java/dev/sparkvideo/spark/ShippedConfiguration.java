package dev.sparkvideo.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A scan's Hadoop configuration as it travels to the executors, in a broadcast as Spark's file sources send theirs,
 * but serialized as its key and value pairs only. Spark's {@code SerializableConfiguration} goes through Hadoop's
 * {@code Configuration.write}, which also writes where each of the ~1,000 properties came from, each list gzipped on
 * its own: 30 to 40 ms of driver CPU per query on this project's 2-core machine, a third of the planning of a
 * first-frame query (docs/performance.md). The executors' copy has the same properties; only their origin
 * ({@code getPropertySources}) is left behind.
 *
 * <p>A scan whose properties are those of one of the last few scans of the same Spark application reuses that scan's
 * broadcast instead of sending the same pairs again (serializing and storing them cost about 4 ms of driver CPU per
 * query, and each executor deserializes every new broadcast once). The broadcast holds a copy taken when it was
 * made, so a configuration changed afterwards never reaches the executors through it.
 */
final class ShippedConfiguration implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Broadcasts kept for reuse, the least recently used dropped first (Spark's cleaner then frees it). */
  private static final int KEPT = 4;

  /** The application the kept broadcasts belong to, not held against its collection once stopped. */
  private static WeakReference<SparkContext> keptFor = new WeakReference<>(null);
  private static final Map<Map<String, String>, Broadcast<ShippedConfiguration>> KEPT_BROADCASTS =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, String>, Broadcast<ShippedConfiguration>> e) {
          return size() > KEPT;
        }
      };

  private transient Map<String, String> properties;
  private transient Configuration value;

  ShippedConfiguration(Configuration conf) {
    this(properties(conf));
  }

  private ShippedConfiguration(Map<String, String> properties) {
    this.properties = properties;
    this.value = configuration(properties);
  }

  /**
   * A broadcast of {@code conf}'s properties from the driver of {@code spark}: a new one, or the one an earlier scan
   * of this application made of the same properties.
   */
  static Broadcast<ShippedConfiguration> broadcast(SparkContext spark, Configuration conf) {
    Map<String, String> properties = properties(conf);
    synchronized (KEPT_BROADCASTS) {
      if (keptFor.get() != spark) {
        KEPT_BROADCASTS.clear(); // broadcasts of a stopped application are gone with it
        keptFor = new WeakReference<>(spark);
      }
      Broadcast<ShippedConfiguration> kept = KEPT_BROADCASTS.get(properties);
      if (kept == null) {
        kept = JavaSparkContext.fromSparkContext(spark).broadcast(new ShippedConfiguration(properties));
        KEPT_BROADCASTS.put(properties, kept);
      }
      return kept;
    }
  }

  /** The configuration: a copy of the properties it was made from, on the driver and on the executors. */
  Configuration value() {
    return value;
  }

  private static Map<String, String> properties(Configuration conf) {
    Map<String, String> properties = new HashMap<>();
    for (Map.Entry<String, String> property : conf) {
      properties.put(property.getKey(), property.getValue());
    }
    return properties;
  }

  private static Configuration configuration(Map<String, String> properties) {
    Configuration conf = new Configuration(false);
    properties.forEach(conf::set);
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    String[] pairs = new String[properties.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> property : properties.entrySet()) {
      pairs[i++] = property.getKey();
      pairs[i++] = property.getValue();
    }
    out.writeObject(pairs);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    String[] pairs = (String[]) in.readObject();
    properties = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.put(pairs[i], pairs[i + 1]);
    }
    value = configuration(properties);
  }
}
