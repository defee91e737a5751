{{/* Names, labels and the pieces every component shares. */}}

{{- define "movie-recs.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "movie-recs.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name of one component's objects: (dict "root" $ "component" "index-service") */}}
{{- define "movie-recs.componentName" -}}
{{- printf "%s-%s" (include "movie-recs.fullname" .root | trunc (int (sub 62 (len .component))) | trimSuffix "-") .component -}}
{{- end -}}

{{- define "movie-recs.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "movie-recs.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: movie-recs
{{- end -}}

{{- define "movie-recs.selectorLabels" -}}
app.kubernetes.io/name: {{ include "movie-recs.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* image: (dict "root" $ "component" "index-service") */}}
{{- define "movie-recs.image" -}}
{{- $image := .root.Values.image -}}
{{- printf "%s/%s:%s" $image.registry .component (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{- define "movie-recs.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "movie-recs.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Pod-level settings shared by every component: (dict "root" $ "component" ...) */}}
{{- define "movie-recs.podSpecCommon" -}}
serviceAccountName: {{ include "movie-recs.serviceAccountName" .root }}
automountServiceAccountToken: false
{{- with .root.Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  runAsNonRoot: true
  runAsUser: {{ .root.Values.podSecurityContext.runAsUser }}
  runAsGroup: {{ .root.Values.podSecurityContext.runAsGroup }}
  fsGroup: {{ .root.Values.podSecurityContext.fsGroup }}
  fsGroupChangePolicy: OnRootMismatch
  seccompProfile:
    type: RuntimeDefault
{{- with .root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: {{ .root.Values.topologySpreadKey }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "movie-recs.selectorLabels" . | nindent 8 }}
{{- end -}}

{{/* Container-level hardening, the same for every container. */}}
{{- define "movie-recs.containerSecurityContext" -}}
securityContext:
  runAsNonRoot: true
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  privileged: false
  capabilities:
    drop: [ALL]
  seccompProfile:
    type: RuntimeDefault
{{- end -}}

{{/* Startup, liveness and readiness probes on the Actuator health groups: (dict "port" 8080 "probes" .Values.x.probes) */}}
{{- define "movie-recs.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: {{ .probes.startupFailureThreshold }}
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: http}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{/* Environment every JVM container gets. */}}
{{- define "movie-recs.javaEnv" -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-XX:MaxRAMPercentage=%v -Djava.io.tmpdir=/tmp %s" .root.Values.jvm.maxRamPercentage .javaOpts | trim | quote }}
{{- end -}}

{{/* The writable /tmp every container needs under a read-only root filesystem (native libraries unpack there). */}}
{{- define "movie-recs.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .root.Values.tmpSizeLimit }}
{{- end -}}

{{/* PodDisruptionBudget: (dict "root" $ "component" ... "pdb" .Values.x.pdb) */}}
{{- define "movie-recs.pdb" -}}
{{- if .pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "movie-recs.componentName" . }}
  labels:
    {{- include "movie-recs.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "movie-recs.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* HorizontalPodAutoscaler on CPU: (dict "root" $ "component" ... "autoscaling" .Values.x.autoscaling "kind" "Deployment") */}}
{{- define "movie-recs.hpa" -}}
{{- if .autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "movie-recs.componentName" . }}
  labels:
    {{- include "movie-recs.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: {{ .kind }}
    name: {{ include "movie-recs.componentName" . }}
  minReplicas: {{ .autoscaling.minReplicas }}
  maxReplicas: {{ .autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: {{ .autoscaling.scaleDownStabilizationSeconds }}
{{- end }}
{{- end -}}

{{/* Service on the component's HTTP port: (dict "root" $ "component" ... "port" 8083) */}}
{{- define "movie-recs.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "movie-recs.componentName" . }}
  labels:
    {{- include "movie-recs.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "movie-recs.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .port }}
      targetPort: http
{{- end -}}

{{/* NetworkPolicy: (dict "root" $ "component" ... "port" 8083 "from" list-of-peers) - metrics scrapers always allowed. */}}
{{- define "movie-recs.networkPolicy" -}}
{{- if .root.Values.networkPolicy.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "movie-recs.componentName" . }}
  labels:
    {{- include "movie-recs.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "movie-recs.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress]
  {{- if not (or .from .root.Values.networkPolicy.metricsNamespaceSelector) }}
  ingress: []
  {{- else }}
  ingress:
    {{- if .from }}
    - from:
        {{- toYaml .from | nindent 8 }}
      ports:
        - {port: {{ .port }}, protocol: TCP}
    {{- end }}
    {{- with .root.Values.networkPolicy.metricsNamespaceSelector }}
    - from:
        - namespaceSelector:
            matchLabels:
              {{- toYaml . | nindent 14 }}
      ports:
        - {port: {{ $.port }}, protocol: TCP}
    {{- end }}
  {{- end }}
{{- end }}
{{- end -}}
