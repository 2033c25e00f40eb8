#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine for the sweep tests (Debian's slurm-wlm 22.05 and munge,
# as root, no systemd), idempotently: daemons already answering are left alone. Prints the slurm.conf path on
# its last line; clients need SLURM_CONF set to it. State, spool, logs and pid files live under $NEUROKIT_SLURM_DIR
# (default /tmp/neurokit-slurm). Stop the cluster with: start-slurm.sh --stop
set -euo pipefail
dir=${NEUROKIT_SLURM_DIR:-/tmp/neurokit-slurm}
conf=$dir/slurm.conf

if [ "${1:-}" = "--stop" ]; then
    for pid in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
        [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
    done
    exit 0
fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "start-slurm: installing slurm-wlm and munge (apt-get)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
    else
        echo "start-slurm: the Slurm tests need a local Slurm: as root on Debian/Ubuntu run 'apt-get install slurm-wlm munge'," \
            "or point SLURM_CONF at a cluster you can submit to and set NEUROKIT_SLURM_EXTERNAL=1" >&2
        exit 3
    fi
fi
[ "$(id -u)" = 0 ] || { echo "start-slurm: starting a local Slurm needs root (slurmd runs jobs as their users)" >&2; exit 3; }

mkdir -p "$dir/state" "$dir/spool" /run/munge /var/log/munge /var/lib/munge /etc/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge 2>/dev/null || true
if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
fi
if ! munge -n >/dev/null 2>&1; then
    runuser -u munge -- /usr/sbin/munged --force 2>/dev/null || /usr/sbin/munged --force
    for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.1; done
fi

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
cat > "$conf.tmp" <<CONF
ClusterName=neurokit
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MinJobAge=600
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
if [ ! -f "$conf" ] || ! cmp -s "$conf" "$conf.tmp"; then
    mv "$conf.tmp" "$conf"
    # A changed configuration needs fresh daemons.
    for pid in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
        [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
    done
    sleep 1
else
    rm -f "$conf.tmp"
fi
export SLURM_CONF=$conf
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
running "$dir/slurmctld.pid" || slurmctld -f "$conf"
running "$dir/slurmd.pid" || slurmd -f "$conf"
for _ in $(seq 100); do
    state=$(sinfo -h -o %t 2>/dev/null | head -n 1 || true)
    case "$state" in
        idle|mix|alloc) echo "$conf"; exit 0 ;;
        down*|drain*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 0.2
done
echo "start-slurm: the node did not become idle within 20 s (sinfo: ${state:-no answer}); see $dir/slurmctld.log and $dir/slurmd.log" >&2
exit 4
