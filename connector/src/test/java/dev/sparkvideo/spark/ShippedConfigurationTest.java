package dev.sparkvideo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.testing.SparkTestBase;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * The scan's Hadoop configuration through Spark's Java serializer, as a broadcast ships it to executors, and the
 * broadcasts scans of the same properties share.
 */
class ShippedConfigurationTest extends SparkTestBase {
  private static final SerializerInstance SERIALIZER = new JavaSerializer(new SparkConf()).newInstance();

  @Test
  void everyPropertyArrivesWithItsValue() {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
    conf.set("spark-video.unicode", "vidéo ビデオ");
    conf.set("spark-video.long", "x".repeat(100_000));
    conf.set("spark-video.substituted", "${fs.s3a.endpoint}/bucket");

    Configuration shipped = roundTrip(conf);

    assertTrue(properties(conf).size() > 100, "the defaults were loaded");
    assertEquals(properties(conf), properties(shipped));
    assertEquals("http://127.0.0.1:9000/bucket", shipped.get("spark-video.substituted"));
    assertEquals(100_000, shipped.get("spark-video.long").length());
  }

  @Test
  void anEmptyConfigurationArrivesEmpty() {
    assertEquals(Map.of(), properties(roundTrip(new Configuration(false))));
  }

  @Test
  void scansOfTheSamePropertiesShareOneBroadcast() {
    Configuration conf = new Configuration();
    conf.set("spark-video.test.shared", "one");
    Broadcast<ShippedConfiguration> first = ShippedConfiguration.broadcast(spark.sparkContext(), conf);
    Broadcast<ShippedConfiguration> again = ShippedConfiguration.broadcast(spark.sparkContext(), new Configuration(conf));
    assertEquals(first.id(), again.id(), "the same properties: the broadcast already sent");
    assertEquals(properties(conf), properties(again.value().value()));

    conf.set("spark-video.test.shared", "two");
    Broadcast<ShippedConfiguration> changed = ShippedConfiguration.broadcast(spark.sparkContext(), conf);
    assertNotEquals(first.id(), changed.id(), "a changed property: a new broadcast");
    assertEquals("two", changed.value().value().get("spark-video.test.shared"));
    assertEquals("one", first.value().value().get("spark-video.test.shared"),
        "a broadcast keeps the properties it was made of when its configuration changes later");
  }

  @Test
  void onlyTheLastFewAreKept() {
    Configuration conf = new Configuration();
    conf.set("spark-video.test.kept", "0");
    long firstId = ShippedConfiguration.broadcast(spark.sparkContext(), conf).id();
    for (int i = 1; i <= 8; i++) {
      conf.set("spark-video.test.kept", Integer.toString(i));
      ShippedConfiguration.broadcast(spark.sparkContext(), conf);
    }
    conf.set("spark-video.test.kept", "0");
    assertNotEquals(firstId, ShippedConfiguration.broadcast(spark.sparkContext(), conf).id(),
        "eight other configurations later, the first one's broadcast was let go");
  }

  private static Configuration roundTrip(Configuration conf) {
    ByteBuffer bytes = SERIALIZER.serialize(new ShippedConfiguration(conf),
        ClassTag$.MODULE$.apply(ShippedConfiguration.class));
    ShippedConfiguration back = SERIALIZER.deserialize(bytes, ClassTag$.MODULE$.apply(ShippedConfiguration.class));
    return back.value();
  }

  private static Map<String, String> properties(Configuration conf) {
    Map<String, String> all = new TreeMap<>();
    for (Map.Entry<String, String> property : conf) {
      all.put(property.getKey(), property.getValue());
    }
    return all;
  }
}
