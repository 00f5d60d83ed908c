package dev.sparkvideo.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
 */
final class ShippedConfiguration implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration value;

  ShippedConfiguration(Configuration value) {
    this.value = value;
  }

  /** Broadcasts {@code conf} from the driver of {@code spark}. */
  static Broadcast<ShippedConfiguration> broadcast(SparkContext spark, Configuration conf) {
    return JavaSparkContext.fromSparkContext(spark).broadcast(new ShippedConfiguration(conf));
  }

  /** The configuration: the driver's own object there, a copy with the same properties on an executor. */
  Configuration value() {
    return value;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> property : value) {
      pairs.add(property.getKey());
      pairs.add(property.getValue());
    }
    out.writeObject(pairs.toArray(new String[0]));
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    String[] pairs = (String[]) in.readObject();
    value = new Configuration(false);
    for (int i = 0; i < pairs.length; i += 2) {
      value.set(pairs[i], pairs[i + 1]);
    }
  }
}
