package dev.sparkvideo.examples;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A catalog of every stream of every video (headers only, no decoding) into Parquet, and a summary by codec and
 * resolution.
 *
 * <p>Usage: {@code MetadataCatalog INPUT OUTPUT}.
 */
public final class MetadataCatalog {
  private MetadataCatalog() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("Usage: MetadataCatalog INPUT OUTPUT");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().appName("spark-video metadata catalog").getOrCreate();
    Dataset<Row> catalog = spark.read().format("video").option("mode", "metadata")
        .option("recursiveFileLookup", "true").option("ignoreCorruptFiles", "true").load(args[0])
        .withColumn("file_size", col("_metadata.file_size"));
    catalog.write().mode(SaveMode.Overwrite).parquet(args[1]);
    Dataset<Row> written = spark.read().parquet(args[1]);
    written.where(col("media_type").equalTo("video"))
        .groupBy(col("codec"), concat_ws("x", col("width"), col("height")).as("resolution"))
        .agg(count("*").as("videos"), round(sum("duration_seconds"), 1).as("total_seconds"),
            round(avg("average_fps"), 2).as("avg_fps"), round(sum("file_size").divide(1e6), 1).as("megabytes"))
        .orderBy(col("videos").desc())
        .show(50, false);
    System.out.println("Catalog written to " + args[1]);
    spark.stop();
  }
}
