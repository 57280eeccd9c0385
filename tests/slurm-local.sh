#!/bin/bash
# tests/slurm-local.sh: a one-node Slurm cluster on localhost for the tests,
# started by hand (no systemd): munged, slurmctld and slurmd.
#
#   tests/slurm-local.sh install      install slurm-wlm and munge when missing
#   tests/slurm-local.sh up DIR       start the cluster with its state in DIR
#                                     (ports 6817 and 6818, or the next free
#                                     pair); prints "export SLURM_CONF=..."
#   tests/slurm-local.sh down DIR     cancel its jobs, stop its daemons by PID
#
# Everything the cluster writes (config, key, sockets, state, logs) lives in
# DIR, which must be traversable by the user munge (so not below /root).
# Exit status 3 from install or up means "cannot run here" (not root, no apt).
set -u

die() { echo "slurm-local: $*" >&2; exit 1; }
cannot() { echo "slurm-local: $*" >&2; exit 3; }

have_all() {
	command -v slurmctld && command -v slurmd && command -v sbatch &&
		command -v munged && command -v mungekey
} >/dev/null 2>&1

install() {
	have_all && return 0
	[ "$(id -u)" = 0 ] || cannot "not root: cannot install slurm-wlm and munge"
	command -v apt-get >/dev/null || cannot "no apt-get: cannot install slurm-wlm and munge"
	# Package scripts try to start the services; without systemd that
	# must be denied, which is what a policy-rc.d answering 101 does.
	local policy=/usr/sbin/policy-rc.d made_policy=
	if [ ! -e $policy ]; then
		printf '#!/bin/sh\nexit 101\n' >$policy && chmod 755 $policy && made_policy=1
	fi
	local apt="apt-get -y -q -o DPkg::Lock::Timeout=300 install --no-install-recommends"
	export DEBIAN_FRONTEND=noninteractive
	$apt slurm-wlm munge >&2 || { apt-get -q -o DPkg::Lock::Timeout=300 update >&2 && $apt slurm-wlm munge >&2; }
	local status=$?
	[ -n "$made_policy" ] && rm -f $policy
	[ $status = 0 ] && have_all || cannot "could not install slurm-wlm and munge with apt-get"
}

# port_free PORT: nothing listens on 127.0.0.1:PORT.
port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# alive PID COMM: PID is a live (not zombie) process named COMM.
alive() {
	local stat
	[ -r "/proc/$1/stat" ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ] || return 1
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[ "${stat%% *}" != Z ]
}

dead() {
	! alive "$@"
}

# wait_for SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds.
wait_for() {
	local tries=$(($1 * 10))
	shift
	until "$@" >/dev/null 2>&1; do
		tries=$((tries - 1))
		[ $tries -gt 0 ] || return 1
		sleep 0.1
	done
}

start_munge() {
	local m=$BASE/munge
	mkdir -p "$m" && chmod 755 "$m" || die "cannot create $m"
	id munge >/dev/null 2>&1 || die "no user munge (is the munge package installed?)"
	if [ ! -s "$m/munge.key" ]; then
		dd if=/dev/urandom of="$m/munge.key" bs=1024 count=1 status=none || die "cannot write a munge key"
	fi
	chown munge: "$m" "$m/munge.key" && chmod 400 "$m/munge.key"
	runuser -u munge -- munged --key-file="$m/munge.key" --socket="$m/munge.socket.2" \
		--pid-file="$m/munged.pid" --log-file="$m/munged.log" --seed-file="$m/munged.seed" \
		</dev/null >/dev/null 2>&1 || die "munged did not start: $(tail -n 3 "$m/munged.log" 2>/dev/null)"
	wait_for 5 test -s "$m/munged.pid" || die "munged wrote no pid file"
	cp "$m/munged.pid" "$BASE/run/munged.started"
	wait_for 5 sh -c "munge -S '$m/munge.socket.2' -n | unmunge -S '$m/munge.socket.2'" ||
		die "munge does not answer on $m/munge.socket.2"
}

write_conf() {
	local host cpus mem
	host=$(hostname -s)
	cpus=${SLURM_LOCAL_CPUS:-$(nproc)}
	mem=$(($(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) / 2))
	cat >"$BASE/etc/slurm.conf" <<EOF
# One-node test cluster written by tests/slurm-local.sh
ClusterName=zjtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$BASE/munge/munge.socket.2
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$BASE/state
SlurmdSpoolDir=$BASE/spool
SlurmctldPidFile=$BASE/run/slurmctld.pid
SlurmdPidFile=$BASE/run/slurmd.pid
SlurmctldLogFile=$BASE/log/slurmctld.log
SlurmdLogFile=$BASE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# A merge job whose shard failed is cancelled instead of pending forever.
DependencyParameters=kill_invalid_depend
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
# Keep finished jobs visible to scontrol: there is no accounting.
MinJobAge=3600
KillWait=5
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

# start NAME ARGS...: run a Slurm daemon in the foreground mode (-D) as a
# child we know the PID of, detached from our output.
start() {
	local name=$1
	shift
	"$name" -D "$@" </dev/null >>"$BASE/log/$name.out" 2>&1 &
	echo $! >"$BASE/run/$name.started"
}

queue_empty() {
	[ -z "$(squeue -h -o %i)" ]
}

node_idle() {
	sinfo -h -o %T | grep -qx idle
}

up() {
	install
	[ "$(id -u)" = 0 ] || cannot "not root: cannot start slurmd"
	mkdir -p "$BASE" && chmod 755 "$BASE" || die "cannot create $BASE"
	BASE=$(cd "$BASE" && pwd)
	[ -e "$BASE/run/slurmctld.started" ] && die "$BASE already holds a cluster; run down first"
	mkdir -p "$BASE/etc" "$BASE/state" "$BASE/spool" "$BASE/run" "$BASE/log"
	# Slurm's own ports, or the next free pair (another cluster may run).
	CTLD_PORT=${SLURM_LOCAL_CTLD_PORT:-6817}
	until port_free "$CTLD_PORT" && port_free $((CTLD_PORT + 1)); do
		CTLD_PORT=$((CTLD_PORT + 2))
		[ "$CTLD_PORT" -lt 6917 ] || cannot "no free pair of ports from 6817 to 6917"
	done
	SLURMD_PORT=$((CTLD_PORT + 1))
	write_conf
	export SLURM_CONF=$BASE/etc/slurm.conf
	start_munge
	start slurmctld -c
	wait_for 20 scontrol ping || die "slurmctld does not answer: $(tail -n 5 "$BASE/log/slurmctld.log")"
	start slurmd -c -N "$(hostname -s)"
	wait_for 20 node_idle || die "the node is not idle: $(tail -n 5 "$BASE/log/slurmd.log")"
	echo "export SLURM_CONF=$SLURM_CONF"
}

# stop NAME: stop the daemon we started, by the PID we recorded.
stop() {
	local pidfile=$BASE/run/$1.started pid comm=$1
	[ -s "$pidfile" ] || return 0
	pid=$(cat "$pidfile")
	[ "$comm" = munged ] || comm=${1:0:15}
	if alive "$pid" "$comm"; then
		kill -TERM "$pid" 2>/dev/null
		wait_for 10 dead "$pid" "$comm" || kill -KILL "$pid" 2>/dev/null
	fi
	rm -f "$pidfile"
}

# Processes still running a job of this cluster (their command line names
# our spool folder), found by scanning /proc, never by name alone.
leftover_jobs() {
	local d pid
	for d in /proc/[0-9]*; do
		pid=${d#/proc/}
		[ "$pid" = $$ ] && continue
		tr '\0' ' ' 2>/dev/null <"$d/cmdline" | grep -qF "$BASE/spool" && echo "$pid"
	done
}

down() {
	[ -d "$BASE/run" ] || return 0
	BASE=$(cd "$BASE" && pwd)
	export SLURM_CONF=$BASE/etc/slurm.conf
	local ctld jobs
	ctld=$(cat "$BASE/run/slurmctld.started" 2>/dev/null)
	if [ -n "$ctld" ] && alive "$ctld" slurmctld; then
		jobs=$(squeue -h -o %i 2>/dev/null)
		[ -n "$jobs" ] && scancel $jobs >/dev/null 2>&1
		wait_for 10 queue_empty
	fi
	stop slurmd
	stop slurmctld
	stop munged
	local pid
	for pid in $(leftover_jobs); do
		kill -KILL "$pid" 2>/dev/null
	done
}

cmd=${1:-}
BASE=${2:-}
case $cmd in
install) install ;;
up | down)
	[ -n "$BASE" ] || die "usage: $0 $cmd DIR"
	$cmd
	;;
*) die "usage: $0 install | up DIR | down DIR" ;;
esac
