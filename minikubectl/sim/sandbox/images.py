"""The image catalogue: what each well-known image holds and does when it starts.

An entry gives the image config (entrypoint, cmd, env, working dir, user, exposed ports,
stop signal), the commands that exist in it (``applets``: busybox applets or the distro's
programs; nginx has no ``ping`` and no ``ps``), and the key files. Images are matched by
their repository path without registry and tag (``docker.io/library/nginx:1.27`` → ``nginx``).
An unknown image has no files beyond the basics and no commands: it runs its command if it
has one (a known program name such as ``sh`` is looked up in the same way), else runs silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# Programs the interpreter implements (busybox applet names; see applets.py).
CORE = frozenset("""
sh ash echo printf sleep date cat ls mkdir rm rmdir touch cp mv head tail wc grep egrep fgrep sed env
printenv hostname id whoami pwd test [ [[ true false seq expr kill killall ps uname basename dirname
tr sort uniq cut tee yes ln chmod chown stat du df free uptime nproc which xargs mktemp find
nslookup wget ping nc hexdump md5sum sha256sum base64 timeout usleep sync dmesg mount
""".split())
BUSYBOX = CORE | {"vi", "top", "netstat", "ifconfig", "ip", "route", "telnet", "traceroute", "httpd",
                  "watch", "less", "more", "gzip", "gunzip", "tar", "unzip", "awk", "diff", "patch"}
DEBIAN = (CORE - {"ping", "nc", "nslookup", "wget", "ps", "free", "uptime", "watch", "usleep", "hexdump"}) | {
    "bash", "dash", "apt-get", "apt", "dpkg", "hexdump", "awk", "tar", "gzip", "diff", "more", "mount"}
DEBIAN = DEBIAN - {"hexdump"}

PASSWD_BUSYBOX = (
    "root:x:0:0:root:/root:/bin/sh\n"
    "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
    "bin:x:2:2:bin:/bin:/bin/false\n"
    "sys:x:3:3:sys:/dev:/bin/false\n"
    "sync:x:4:100:sync:/bin:/bin/sync\n"
    "mail:x:8:8:mail:/var/spool/mail:/bin/false\n"
    "www-data:x:33:33:www-data:/var/www:/bin/false\n"
    "operator:x:37:37:Operator:/var:/bin/false\n"
    "nobody:x:65534:65534:nobody:/home:/bin/false\n"
)
PASSWD_DEBIAN = (
    "root:x:0:0:root:/root:/bin/bash\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "bin:x:2:2:bin:/bin:/usr/sbin/nologin\n"
    "sys:x:3:3:sys:/dev:/usr/sbin/nologin\n"
    "sync:x:4:65534:sync:/bin:/bin/sync\n"
    "games:x:5:60:games:/usr/games:/usr/sbin/nologin\n"
    "man:x:6:12:man:/var/cache/man:/usr/sbin/nologin\n"
    "lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\n"
    "mail:x:8:8:mail:/var/mail:/usr/sbin/nologin\n"
    "news:x:9:9:news:/var/spool/news:/usr/sbin/nologin\n"
    "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
)

NGINX_CONF = """
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
"""

NGINX_DEFAULT_CONF = """server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

"""

NGINX_INDEX = """<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
"""

NGINX_50X = """<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
"""

KUBIA_JS = """const http = require('http');
const os = require('os');

console.log("Kubia server starting...");

var handler = function(request, response) {
  console.log("Received request from " + request.connection.remoteAddress);
  response.writeHead(200);
  response.end("You've hit " + os.hostname() + "\\n");
};

var www = http.createServer(handler);
www.listen(8080);
"""

KUBIA_UNHEALTHY_JS = """const http = require('http');
const os = require('os');

console.log("Kubia server starting...");

var requestCount = 0;

var handler = function(request, response) {
  console.log("Received request from " + request.connection.remoteAddress);
  if (requestCount++ > 4) {
    response.writeHead(500);
    response.end("I'm not well. Please restart me!");
    return;
  }
  response.writeHead(200);
  response.end("You've hit " + os.hostname() + "\\n");
};

var www = http.createServer(handler);
www.listen(8080);
"""


def _os_release(pretty: str, name: str, version_id: str, version: str, ident: str, codename: str = "",
                home: str = "", support: str = "", bugs: str = "", like: str = "") -> str:
    lines = [f'PRETTY_NAME="{pretty}"', f'NAME="{name}"', f'VERSION_ID="{version_id}"']
    if version:
        lines.append(f'VERSION="{version}"')
    if codename:
        lines.append(f"VERSION_CODENAME={codename}")
    lines.append(f"ID={ident}")
    if like:
        lines.append(f"ID_LIKE={like}")
    for key, value in (("HOME_URL", home), ("SUPPORT_URL", support), ("BUG_REPORT_URL", bugs)):
        if value:
            lines.append(f'{key}="{value}"')
    return "\n".join(lines) + "\n"


DEBIAN_OS = _os_release("Debian GNU/Linux 12 (bookworm)", "Debian GNU/Linux", "12", "12 (bookworm)", "debian",
                        "bookworm", "https://www.debian.org/", "https://www.debian.org/support",
                        "https://bugs.debian.org/")
UBUNTU_OS = (
    'PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.2 LTS (Noble Numbat)"\n'
    'VERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\n'
    'SUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\n'
    'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\n'
    'UBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n'
)
ALPINE_OS = ('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\n'
             'HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n')


@dataclass(frozen=True)
class ImageInfo:
    """One catalogue entry (see module doc)."""

    name: str
    entrypoint: tuple[str, ...] = ()
    cmd: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = (("PATH", PATH),)
    workdir: str = ""
    user: str = ""
    ports: tuple[int, ...] = ()
    applets: frozenset[str] = frozenset()
    stop_signal: str = "TERM"
    base: str = "busybox"  # busybox | debian | alpine | scratch: which files and passwd
    files: tuple[tuple[str, str], ...] = ()
    known: bool = True
    shell: str = "/bin/sh"
    server: str = ""  # program name in servers.py for the image's own program, if any
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def env_dict(self) -> dict[str, str]:
        return dict(self.env)


def _env(**extra: str) -> tuple[tuple[str, str], ...]:
    return (("PATH", PATH),) + tuple(extra.items())


NODE_ENV = _env(NODE_VERSION="22.14.0", YARN_VERSION="1.22.22")
CATALOGUE: dict[str, ImageInfo] = {
    "busybox": ImageInfo("busybox", cmd=("sh",), applets=BUSYBOX, base="busybox"),
    "alpine": ImageInfo("alpine", cmd=("/bin/sh",), applets=BUSYBOX | {"apk"}, base="alpine",
                        files=(("/etc/os-release", ALPINE_OS), ("/etc/alpine-release", "3.21.3\n"))),
    "ubuntu": ImageInfo("ubuntu", cmd=("/bin/bash",), applets=DEBIAN, base="debian", shell="/bin/bash",
                        files=(("/etc/os-release", UBUNTU_OS),)),
    "debian": ImageInfo("debian", cmd=("bash",), applets=DEBIAN, base="debian", shell="/bin/bash",
                        files=(("/etc/os-release", DEBIAN_OS), ("/etc/debian_version", "12.10\n"))),
    "nginx": ImageInfo(
        "nginx", entrypoint=("/docker-entrypoint.sh",), cmd=("nginx", "-g", "daemon off;"),
        env=_env(NGINX_VERSION="1.27.5", NJS_VERSION="0.8.10", NJS_RELEASE="1~bookworm", PKG_RELEASE="1~bookworm",
                 DYNPKG_RELEASE="1~bookworm"),
        ports=(80,), applets=(DEBIAN - {"ps"}) | {"nginx", "curl", "/docker-entrypoint.sh"}, stop_signal="QUIT",
        base="debian", shell="/bin/bash", server="nginx",
        files=(("/etc/os-release", DEBIAN_OS), ("/etc/nginx/nginx.conf", NGINX_CONF.lstrip("\n")),
               ("/etc/nginx/conf.d/default.conf", NGINX_DEFAULT_CONF),
               ("/usr/share/nginx/html/index.html", NGINX_INDEX), ("/usr/share/nginx/html/50x.html", NGINX_50X),
               ("/docker-entrypoint.d/", ""), ("/var/log/nginx/", ""), ("/var/cache/nginx/", ""))),
    "httpd": ImageInfo(
        "httpd", cmd=("httpd-foreground",), workdir="/usr/local/apache2",
        env=(("PATH", "/usr/local/apache2/bin:" + PATH), ("HTTPD_PREFIX", "/usr/local/apache2"),
             ("HTTPD_VERSION", "2.4.63"), ("HTTPD_SHA256", "88fc236ab99b2864b248de7d49a008ec2afd7551e64dce8b95f58f32f94c46ab"),
             ("HTTPD_PATCHES", "")),
        ports=(80,), applets=DEBIAN | {"httpd-foreground", "httpd"}, stop_signal="WINCH", base="debian",
        shell="/bin/bash", server="httpd",
        files=(("/etc/os-release", DEBIAN_OS),
               ("/usr/local/apache2/htdocs/index.html", "<html><body><h1>It works!</h1></body></html>\n"))),
    "redis": ImageInfo("redis", entrypoint=("docker-entrypoint.sh",), cmd=("redis-server",), workdir="/data",
                       env=_env(REDIS_DOWNLOAD_URL="http://download.redis.io/releases/redis-7.4.2.tar.gz"),
                       ports=(6379,), applets=DEBIAN | {"redis-server", "redis-cli", "docker-entrypoint.sh"},
                       base="debian", shell="/bin/bash", server="redis",
                       files=(("/etc/os-release", DEBIAN_OS), ("/data/", ""))),
    "postgres": ImageInfo("postgres", entrypoint=("docker-entrypoint.sh",), cmd=("postgres",),
                          env=(("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin"),
                               ("GOSU_VERSION", "1.17"), ("LANG", "en_US.utf8"), ("PG_MAJOR", "17"),
                               ("PG_VERSION", "17.4-1.pgdg120+2"), ("PGDATA", "/var/lib/postgresql/data")),
                          ports=(5432,), applets=DEBIAN | {"postgres", "psql", "docker-entrypoint.sh"},
                          stop_signal="INT", base="debian", shell="/bin/bash", server="postgres",
                          files=(("/etc/os-release", DEBIAN_OS), ("/var/lib/postgresql/data/", ""))),
    "mysql": ImageInfo("mysql", entrypoint=("docker-entrypoint.sh",), cmd=("mysqld",),
                       env=_env(GOSU_VERSION="1.17", MYSQL_MAJOR="9.2", MYSQL_VERSION="9.2.0-1.el9",
                                MYSQL_SHELL_VERSION="9.2.0-1.el9"),
                       ports=(3306, 33060), applets=(DEBIAN - {"apt-get", "apt", "dpkg"}) | {"mysqld", "mysql", "docker-entrypoint.sh", "microdnf"},
                       base="debian", shell="/bin/bash", server="mysql",
                       files=(("/etc/os-release", 'NAME="Oracle Linux Server"\nVERSION="9.5"\nID="ol"\nID_LIKE="fedora"\nVERSION_ID="9.5"\nPRETTY_NAME="Oracle Linux Server 9.5"\n'),
                              ("/var/lib/mysql/", ""))),
    "python": ImageInfo("python", cmd=("python3",),
                        env=_env(LANG="C.UTF-8", GPG_KEY="7169605F62C751356D054A26A821E680E5FA6305",
                                 PYTHON_VERSION="3.13.2", PYTHON_SHA256="d984bcc57cd67caab26f7def42e523b1c015bbc5dc07836cf4f0b63fa159eb56"),
                        applets=DEBIAN | {"python", "python3", "pip", "pip3"}, base="debian", shell="/bin/bash",
                        server="python", files=(("/etc/os-release", DEBIAN_OS),)),
    "node": ImageInfo("node", entrypoint=("docker-entrypoint.sh",), cmd=("node",), env=NODE_ENV,
                      applets=DEBIAN | {"node", "npm", "npx", "yarn", "docker-entrypoint.sh"}, base="debian",
                      shell="/bin/bash", server="node", files=(("/etc/os-release", DEBIAN_OS),)),
    "luksa/kubia": ImageInfo("luksa/kubia", entrypoint=("node", "app.js"), env=_env(NODE_VERSION="7.10.1", YARN_VERSION="0.24.4"),
                             applets=DEBIAN | {"node", "npm"}, base="debian", shell="/bin/bash", server="node",
                             ports=(), files=(("/etc/os-release", DEBIAN_OS), ("/app.js", KUBIA_JS))),
    "luksa/kubia-unhealthy": ImageInfo("luksa/kubia-unhealthy", entrypoint=("node", "app.js"),
                                       env=_env(NODE_VERSION="7.10.1", YARN_VERSION="0.24.4"),
                                       applets=DEBIAN | {"node", "npm"}, base="debian", shell="/bin/bash",
                                       server="node", files=(("/etc/os-release", DEBIAN_OS), ("/app.js", KUBIA_UNHEALTHY_JS))),
    "pause": ImageInfo("pause", entrypoint=("/pause",), env=(), user="65535:65535", applets=frozenset({"/pause"}),
                       base="scratch", shell="", server="pause"),
    "echoserver": ImageInfo("echoserver", cmd=("/usr/sbin/nginx", "-g", "daemon off;"), ports=(8080,),
                            applets=(DEBIAN - {"bash"}) | {"nginx", "/usr/sbin/nginx"}, base="debian", server="echoserver",
                            files=(("/etc/os-release", 'PRETTY_NAME="Ubuntu 16.04 LTS"\nNAME="Ubuntu"\nVERSION_ID="16.04"\nID=ubuntu\nID_LIKE=debian\n'),)),
    "hashicorp/http-echo": ImageInfo("hashicorp/http-echo", entrypoint=("/http-echo",), env=(("PATH", PATH),),
                                     ports=(5678,), applets=frozenset({"/http-echo"}), base="scratch", shell="",
                                     server="http-echo"),
}
# Other names of the same images.
ALIASES = {
    "library/busybox": "busybox", "library/alpine": "alpine", "library/ubuntu": "ubuntu", "library/debian": "debian",
    "library/nginx": "nginx", "library/httpd": "httpd", "library/redis": "redis", "library/postgres": "postgres",
    "library/mysql": "mysql", "library/python": "python", "library/node": "node",
    "pause": "pause", "google_containers/pause": "pause", "google-containers/pause": "pause",
    "echoserver": "echoserver", "google_containers/echoserver": "echoserver", "e2e-test-images/echoserver": "echoserver",
    "nginxinc/nginx-unprivileged": "nginx", "bitnami/nginx": "nginx", "bash": "debian", "library/bash": "debian",
    "kubia": "luksa/kubia", "kubia-unhealthy": "luksa/kubia-unhealthy",
}


def repository_path(image: str) -> str:
    """The repository path of a reference without registry, tag or digest (``luksa/kubia``)."""
    ref = image.partition("@")[0]
    slash = ref.find("/")
    first = ref[:slash] if slash >= 0 else ""
    if slash >= 0 and ("." in first or ":" in first or first == "localhost"):
        ref = ref[slash + 1:]
    colon = ref.rfind(":")
    if colon > ref.rfind("/"):
        ref = ref[:colon]
    return ref


def lookup(image: str) -> ImageInfo:
    """The catalogue entry of an image reference; an unknown image gets an empty entry."""
    path = repository_path(image)
    key = path if path in CATALOGUE else ALIASES.get(path)
    if key is None:
        tail = path.rsplit("/", 1)[-1]
        key = tail if tail in ("pause", "echoserver") else None
        if key is None and path.startswith("library/"):
            key = ALIASES.get(path)
    if key is not None:
        return CATALOGUE[key]
    return ImageInfo(path, env=(("PATH", PATH),), applets=frozenset(), base="scratch", known=False, shell="")


def base_files(info: ImageInfo, hostname: str, hosts: list[list[str]] | None, nameserver: str,
               search: list[str]) -> dict[str, str]:
    """The files an image's filesystem starts with (before mounts)."""
    files: dict[str, str] = {
        "/etc/hostname": hostname + "\n",
        "/etc/resolv.conf": (f"search {' '.join(search)}\n" if search else "") + f"nameserver {nameserver}\noptions ndots:5\n",
        "/etc/hosts": "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                      "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"
                      + "".join(f"{ip}\t{name}\n" for ip, name in (hosts or [])),
        "/dev/": "", "/proc/": "", "/sys/": "", "/tmp/": "", "/var/": "", "/run/": "",
    }
    if info.base != "scratch":
        files["/etc/passwd"] = PASSWD_DEBIAN if info.base == "debian" else PASSWD_BUSYBOX
        files["/etc/group"] = "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nnogroup:x:65534:\n"
        for d in ("/root/", "/home/", "/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/", "/usr/local/bin/", "/var/log/",
                  "/etc/"):
            files[d] = ""
    if info.server == "nginx":
        files["/etc/passwd"] = PASSWD_DEBIAN + "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n"
    files.update(dict(info.files))
    return files


def program_path(info: ImageInfo, name: str) -> str:
    """Where a command lives in the image (``/bin/sh``, ``/usr/sbin/nginx``)."""
    if name.startswith("/"):
        return name
    if info.base == "busybox" or info.base == "alpine":
        return ("/bin/" if name not in ("nginx",) else "/usr/sbin/") + name
    sbin = {"nginx", "httpd", "mysqld", "redis-server"}
    return ("/usr/sbin/" if name in sbin else "/usr/bin/") + name
