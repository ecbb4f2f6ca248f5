"""The bench inventory: one host per simulated router, every host with the home office of inventories/lab.

Both contenders read the same file: site.yml takes the role variables from it, bench/community-home.yml only the
connection (ansible_host, ansible_user, ansible_password, routeros_api_port).
"""

import os

import yaml

LAB = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "inventories", "lab")


def home_variables():
    """The lab's group variables with its `home` host's variables on top, as Ansible would merge them."""
    merged = {}
    for name in ("group_vars/routeros.yml", "host_vars/home.yml"):
        with open(os.path.join(LAB, name), encoding="utf-8") as handle:
            merged.update(yaml.safe_load(handle) or {})
    return merged


def inventory(ports, ssh_ports, variables):
    """Group `routeros` with hosts home01, home02, ... on the given API ports and ssh (SFTP) ports."""
    width = len(str(len(ports)))
    hosts = {"home%0*d" % (width, n): {"routeros_api_port": port, "routeros_ssh_port": ssh}
             for n, (port, ssh) in enumerate(zip(ports, ssh_ports), 1)}
    return {"routeros": {"hosts": hosts, "vars": dict(variables)}}


def write(path, ports, ssh_ports, **overrides):
    """Write the inventory for these ports; overrides replace lab variables (backup_dir, for one)."""
    variables = dict(home_variables(), **overrides)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(inventory(ports, ssh_ports, variables), handle, default_flow_style=False, sort_keys=True)
    return path
