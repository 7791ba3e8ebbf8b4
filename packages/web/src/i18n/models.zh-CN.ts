/** 平台管理 · 推荐模型：兴趣引擎的模型版本、离线指标与重训。 */
const strings = {
  models: {
    nav: '推荐模型',
    title: '推荐模型',
    intro: '兴趣引擎在后台按计划用近期的互动与购买记录重新训练，训练期间推荐流照常服务。新模型在最近一次互动（留出集）上的 HR@10 不低于正在服务的模型时才会热切换上线，否则保留原模型并记录原因。',
    retrainNow: '立即重训',
    requested: '已提交重训：{{id}}',
    schedule: '每 {{hours}} 小时自动重训一次',
    onDemand: '仅手动重训',
    notRunning: '本进程未运行兴趣引擎，重训请求将由运行引擎的进程处理',
    cols: { version: '版本', status: '状态', trigger: '触发', requestedAt: '提交时间', finishedAt: '完成时间', data: '训练数据', figures: '留出集 HR@10 / NDCG@10', baseline: '对照', reason: '原因', swap: '切换耗时' },
    data: '{{people}} 人 · {{events}} 次互动 · {{videos}} 个视频',
    progress: '第 {{done}} / {{total}} 轮',
    baselineServing: '在线模型 {{id}}：{{hr}} / {{ndcg}}',
    baselineOnline: '仅在线学习：{{hr}} / {{ndcg}}',
    swapMs: '{{ms}} 毫秒',
    status: { requested: '排队中', training: '训练中', serving: '服务中', retired: '已下线', rejected: '未上线', failed: '失败' } as Record<string, string>,
    trigger: { schedule: '计划', manual: '手动' } as Record<string, string>,
    reason: {
      better_than_serving: '优于正在服务的模型',
      better_than_online: '优于仅在线学习',
      worse_than_serving: '不如正在服务的模型',
      worse_than_online: '不如仅在线学习',
      not_enough_history: '近期记录不足，无法评估',
      superseded: '已被新版本替换',
      process_restarted: '服务重启后失效',
      engine_unavailable: '引擎未就绪，未切换',
      training_failed: '训练失败',
    } as Record<string, string>,
  },
};
export default strings;
