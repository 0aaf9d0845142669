"""Airflow DAG: evolve the munet system on a Spark cluster, verify it, then write its report.

Needs apache-airflow 2.4+ (the ``schedule`` argument) and apache-airflow-providers-apache-spark.
Copy this file into the DAGs folder, then create (see the README, "Scheduled runs with Airflow"):

  Connection ``munet_spark`` (type Spark): host ``spark://spark-master`` and port 7077 (or host
      ``yarn``), extra ``{"deploy-mode": "client"}``: the driver reads ``--config`` from the
      worker's disk, so it runs where Airflow runs it.
  Variables
      munet_jar         path of jobs/target/munet-jobs-spark.jar on the Airflow worker
      munet_config      the run configuration (HOCON) on the worker, e.g. conf/cluster.conf with
                        the store on HDFS or S3A
      munet_report_dir  folder on the worker the daily report is written into

Tasks: evolve >> verify >> report.

  evolve   ``evolve --break-stale-lease``: introduces the configured tasks that have no path yet.
           A killed run (timeout, worker lost, task cleared) leaves the store resumable; the retry
           resumes at the generation it reached. Its retry_delay is longer than the store's
           lease-timeout (10 minutes by default), so a retry after the job was SIGKILLed on another
           host finds the dead job's heartbeat stale and breaks its lease without a person; a live
           job's lease is never broken, so the retry then fails naming the holder.
  verify   ``evaluate --verify``: every committed task still predicts its test split exactly as when
           it was committed, and every blob matches its hash. Not retried: a failure is a finding
           (a changed blob, a damaged table, a non-deterministic engine), not a transient error.
  report   ``report``: the HTML report of the store for this run's date.

on_kill: when Airflow kills a task (execution_timeout, "mark failed", a cleared run),
SparkSubmitOperator.on_kill kills its spark-submit process. In client mode that process is the
driver JVM: SIGTERM stops Spark, the job releases its lease and leaves the store resumable (the
next try resumes). On YARN the hook also kills the application it submitted.
"""
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

CONN_ID = "munet_spark"
JAR = "{{ var.value.munet_jar }}"
CONFIG = "{{ var.value.munet_config }}"
MAIN_CLASS = "munet.jobs.cli.Main"
# one candidate per Spark task, trained with this many PyTorch threads (see conf/cluster.conf)
SPARK_CONF = {"spark.task.cpus": "2"}


def munet(task_id: str, args: list, timeout: timedelta, retries: int, retry_delay: timedelta) -> SparkSubmitOperator:
    """A munet subcommand submitted to the cluster as one Spark application."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=CONN_ID,
        application=JAR,
        java_class=MAIN_CLASS,
        application_args=args + ["--config", CONFIG],
        conf=SPARK_CONF,
        name=f"munet-{task_id}-{{{{ ds }}}}",
        execution_timeout=timeout,
        retries=retries,
        retry_delay=retry_delay,
    )


with DAG(
    dag_id="munet_evolve",
    description="evolve the munet system, verify every committed task, write the report",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    schedule="@daily",
    catchup=False,
    max_active_runs=1,
    tags=["munet"],
) as dag:
    evolve = munet(
        "evolve",
        ["evolve", "--break-stale-lease"],
        timeout=timedelta(hours=12),
        retries=2,
        retry_delay=timedelta(minutes=15),
    )
    verify = munet(
        "verify",
        ["evaluate", "--verify"],
        timeout=timedelta(hours=2),
        retries=0,
        retry_delay=timedelta(minutes=5),
    )
    report = munet(
        "report",
        ["report", "--output", "{{ var.value.munet_report_dir }}/munet-report-{{ ds }}.html"],
        timeout=timedelta(minutes=30),
        retries=1,
        retry_delay=timedelta(minutes=5),
    )
    evolve >> verify >> report
