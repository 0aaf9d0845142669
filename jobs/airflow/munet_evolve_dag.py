"""Airflow DAG: evolve the munet system nightly on a Spark cluster, then verify and report.

Copy this file into the DAGs folder and set the Airflow Variables it reads:
  munet_jar      path of jobs/target/munet-jobs-spark.jar on the Airflow worker
  munet_config   the run configuration (HOCON), e.g. conf/cluster.conf with the store on HDFS/S3A
  spark_master   e.g. spark://spark-master:7077 or yarn
The evolve job holds a lease on the store, so overlapping runs fail fast instead of racing;
max_active_runs=1 keeps Airflow from starting them at all. A killed run resumes at its next
generation when the DAG is re-run.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator


def submit(subcommand: str) -> str:
    return (
        "spark-submit --master {{ var.value.spark_master }} "
        "--conf spark.task.cpus=2 --class munet.jobs.cli.Main {{ var.value.munet_jar }} "
        f"{subcommand} --config {{{{ var.value.munet_config }}}}"
    )


with DAG(
    dag_id="munet_evolve",
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["munet"],
) as dag:
    evolve = BashOperator(task_id="evolve", bash_command=submit("evolve"))
    verify = BashOperator(task_id="verify", bash_command=submit("evaluate --verify"))
    status = BashOperator(task_id="status", bash_command=submit("status"))
    evolve >> verify >> status
