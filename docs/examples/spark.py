import json

from pyspark.sql import SparkSession

from newsclean.batch import map_records


def main() -> None:
    spark = SparkSession.builder.master("local[2]").appName("newsclean").getOrCreate()
    lines = spark.sparkContext.textFile("crawl-*.jsonl")
    records = lines.map(json.loads)
    cleaned = records.mapPartitions(lambda part: map_records(part, fmt="jsonl"))
    cleaned.map(json.dumps).saveAsTextFile("clean")
    spark.stop()


if __name__ == "__main__":
    main()
